import Foundation
@testable import ODFPackage
import TestSupport
import Testing

/// What the package reader refuses, and that each refusal names the file and the problem.
@Suite struct RefusalTests {
    /// The broken packages of ../shared/corpus/odt-invalid and how each must be refused;
    /// nil means the package is sound at the package level (its faults are schema-level).
    static let expectations: [String: ODFError.Code?] = [
        "odftk__PasswordProtected.odt": .encrypted,
        "odftk__validator-encrypted-with-pwd_hello.odt": .encrypted,
        "odftk__duplicate-files.odt": .duplicateEntry,
        "odftk__testInvalidPkg1.odt": .notODF,
        "odftk__testInvalidPkg2.odt": .missingPart,
        "odftk__testInvalidPkg3.odt": .notODF,
        "odftk__invalid.odt": .malformedXML,
        "odfpy__nasty.odt": .forbiddenMarkup,
        "odftk__CorruptedMimetypeDoc.odt": nil,
        "odftk__InvalidUnderlineAttribute.odt": nil,
        "odftk__NestedParagraphs.odt": nil,
        "odftk__damaged.odt": nil,
        "odftk__empty_as_can_be.odt": nil,
        // Two zips back to back: libzip, LibreOffice and odfcheck all read the second one.
        "odftk__two-zips.odt": nil,
    ]

    @Test("broken packages from the corpus are refused with the right error",
          .enabled(if: Paths.sharedIsAvailable, "needs ../shared/corpus, absent here; CI always has it"),
          arguments: Corpus.invalidPackages)
    func corpusRefusals(_ package: Corpus.Result) throws {
        let expected = try #require(Self.expectations[package.file], "no expectation for \(package.file)")
        if let code = expected {
            let error = try #require(throws: ODFError.self) { try ODFDocument(contentsOf: package.url) }
            #expect(error.code == code, "\(package.file): \(error)")
            #expect(error.description.contains(package.url.path), "the message names the file: \(error)")
        } else {
            let document = try ODFDocument(contentsOf: package.url)
            #expect(document.contains("content.xml"))
        }
    }

    @Test func aFileThatIsNotAZipIsRefused() throws {
        let folder = TemporaryFolder()
        let file = folder.file("notes.odt")
        try Data("Dies ist kein ODF-Dokument.".utf8).write(to: file)
        let error = try #require(throws: ODFError.self) { try ODFDocument(contentsOf: file) }
        #expect(error.code == .notODF)
        #expect(error.description.hasPrefix(file.path))
    }

    @Test func aTruncatedZipIsRefused() throws {
        let folder = TemporaryFolder()
        let bytes = try Data(contentsOf: Paths.fixture("libreoffice-letter.odt"))
        let file = folder.file("truncated.odt")
        try bytes.prefix(bytes.count / 2).write(to: file)
        let error = try #require(throws: ODFError.self) { try ODFDocument(contentsOf: file) }
        #expect([.notAZip, .corruptZip].contains(error.code), "\(error)")
    }

    @Test func aCorruptedEntryIsRefused() throws {
        let folder = TemporaryFolder()
        var bytes = try Data(contentsOf: Paths.fixture("libreoffice-letter.odt"))
        let zip = try ZipInspector(bytes)
        let content = try #require(zip.entries.first { $0.name == "content.xml" })
        for offset in 0..<16 { bytes[content.dataOffset + 40 + offset] ^= 0x5A }
        let file = folder.file("corrupt.odt")
        try bytes.write(to: file)
        let error = try #require(throws: ODFError.self) { try ODFDocument(contentsOf: file) }
        #expect(error.code == .corruptZip, "\(error)")
        #expect(error.part == "content.xml")
    }

    @Test func aMissingFileIsReported() throws {
        let error = try #require(throws: ODFError.self) {
            try ODFDocument(contentsOf: URL(fileURLWithPath: "/nonexistent/vorlage.odt"))
        }
        #expect(error.code == .unreadableFile)
        #expect(error.description.contains("/nonexistent/vorlage.odt"))
    }

    @Test func limitsBoundEntriesAndSizes() throws {
        let url = Paths.fixture("libreoffice-letter.odt")
        let tooMany = try #require(throws: ODFError.self) { try ODFDocument(contentsOf: url, limits: ODFLimits(maxEntries: 3)) }
        #expect(tooMany.code == .limitExceeded)
        let tooLarge = try #require(throws: ODFError.self) { try ODFDocument(contentsOf: url, limits: ODFLimits(maxEntrySize: 1000)) }
        #expect(tooLarge.code == .limitExceeded)
        #expect(tooLarge.part != nil)
        // A file larger than the whole package may be is refused before it is read.
        let size = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        let tooLong = try #require(throws: ODFError.self) { try ODFDocument(contentsOf: url, limits: ODFLimits(maxTotalSize: size - 1)) }
        #expect(tooLong.code == .limitExceeded)
        #expect(tooLong.description.contains("Die Datei ist \(size) Bytes groß"), "\(tooLong)")
    }

    @Test("XML with a DOCTYPE, external entities or entity bombs is refused", arguments: [
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>",
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><r>&c;</r>",
    ])
    func unsafeXMLIsRefused(_ xml: String) throws {
        let error = try #require(throws: ODFError.self) { try XMLDocument(parsing: Data(xml.utf8), partName: "content.xml") }
        #expect([.forbiddenMarkup, .malformedXML].contains(error.code))
        #expect(error.part == "content.xml")
    }

    @Test func anExternalDTDIsNeverLoaded() throws {
        let folder = TemporaryFolder()
        let dtd = folder.file("r.dtd")
        try Data("<!ENTITY secret \"from the DTD\">".utf8).write(to: dtd)
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE r SYSTEM \"\(dtd.path)\"><r>&secret;</r>"
        let document = try XMLDocument(parsing: Data(xml.utf8), partName: "script.xml")
        #expect(!document.root.textContent.contains("from the DTD"))
    }

    @Test func malformedXMLNamesThePartAndLine() throws {
        let error = try #require(throws: ODFError.self) {
            try XMLDocument(parsing: Data("<a>\n<b>\n</a>".utf8), partName: "styles.xml")
        }
        #expect(error.code == .malformedXML)
        #expect(error.line == 3)
        #expect(error.description.contains("styles.xml"))
    }

    @Test("entry names that could escape a folder are refused", arguments: ["/etc/passwd", "../x.xml", "Pictures/../../x", "C:\\x", "a\\b"])
    func unsafeNames(_ name: String) throws {
        let document = try ODFDocument(contentsOf: Paths.fixture("libreoffice-letter.odt"))
        let error = try #require(throws: ODFError.self) { try document.setData(Data(), for: name) }
        #expect(error.code == .unsafeEntryName)
    }
}

/// Zips built here with entries no ODF writer makes, read back by the package reader.
@Suite struct HostileZipTests {
    @Test("a zip whose entry names escape the folder is refused", arguments: ["../evil.xml", "/etc/cron.d/x", "Pictures/..\\\\evil"])
    func escapingNames(_ name: String) throws {
        let bytes = try ZipWriter.archive([
            .init(name: "mimetype", data: Data(ODFDocument.textMediaType.utf8), stored: true),
            .init(name: "content.xml", data: Data("<r/>".utf8), stored: false),
            .init(name: name, data: Data("x".utf8), stored: false),
        ], file: "hostile.odt")
        let error = try #require(throws: ODFError.self) { try ODFDocument(bytes: bytes, source: "hostile.odt") }
        #expect(error.code == .unsafeEntryName)
        #expect(error.part == name)
        #expect(error.description.hasPrefix("hostile.odt"))
    }
}
