import Foundation
import ODFPackage
import TestSupport
import Testing

/// The packaging rules a strict ODF consumer checks, read back from the written bytes.
@Suite struct PackagingTests {
    private func written(_ fixture: String, as mediaType: String? = nil) throws -> (Data, ODFDocument) {
        let document = try ODFDocument(contentsOf: Paths.fixture(fixture))
        _ = try document.xml("content.xml")
        return (try document.packageData(mediaType: mediaType), document)
    }

    @Test func mimetypeComesFirstStoredWithoutExtraField() throws {
        let (data, _) = try written("libreoffice-letter.odt")
        let zip = try ZipInspector(data)
        let first = try #require(zip.entries.first)
        #expect(first.name == "mimetype")
        #expect(first.method == 0, "mimetype must be stored, not compressed")
        #expect(first.localExtraLength == 0 && first.centralExtraLength == 0)
        #expect(first.flags & 0x08 == 0, "no data descriptor")
        #expect(first.dataOffset == 38, "ODF consumers read the media type at offset 38")
        let type = String(decoding: data[38..<(38 + first.compressedSize)], as: UTF8.self)
        #expect(type == "application/vnd.oasis.opendocument.text")
        for entry in zip.entries {
            #expect(entry.method == 0 || entry.method == 8, "\(entry.name) uses compression method \(entry.method)")
            #expect(entry.localExtraLength == 0, "\(entry.name) has an extra field")
        }
    }

    @Test func manifestListsEveryEntryAndMatchesTheOfficeVersion() throws {
        let (data, _) = try written("libreoffice-letter.odt")
        let reopened = try ODFDocument(bytes: data, source: "written")
        let manifest = try reopened.xml("META-INF/manifest.xml").root
        let ns = ODFNamespace.manifest
        #expect(manifest.attribute(ns, "version") == reopened.officeVersion)
        var listed: [String: String] = [:]
        for entry in manifest.childElements {
            listed[entry.attribute(ns, "full-path") ?? ""] = entry.attribute(ns, "media-type")
        }
        #expect(listed["/"] == "application/vnd.oasis.opendocument.text")
        #expect(listed["content.xml"] == "text/xml")
        for name in reopened.entryNames where name != "mimetype" && !name.hasPrefix("META-INF/") && !name.hasSuffix("/") {
            #expect(listed[name] != nil, "\(name) is not in the manifest")
        }
        for path in listed.keys where path != "/" && !path.hasSuffix("/") {
            #expect(reopened.contains(path), "the manifest lists \(path), which is not in the package")
        }
    }

    @Test func newEntriesAreAddedToTheManifestAndDroppedOnesRemoved() throws {
        let document = try ODFDocument(contentsOf: Paths.fixture("libreoffice-letter.odt"))
        try document.setData(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A]), for: "Pictures/new.png")
        document.removeEntry("Thumbnails/thumbnail.png")
        let reopened = try ODFDocument(bytes: try document.packageData(), source: "written")
        let entries = try reopened.xml("META-INF/manifest.xml").root.childElements
        let paths = entries.compactMap { $0.attribute(ODFNamespace.manifest, "full-path") }
        #expect(paths.contains("Pictures/new.png"))
        #expect(!paths.contains("Thumbnails/thumbnail.png"))
        let png = entries.first { $0.attribute(ODFNamespace.manifest, "full-path") == "Pictures/new.png" }
        #expect(png?.attribute(ODFNamespace.manifest, "media-type") == "image/png")
    }

    @Test func theSameInputGivesTheSameBytes() throws {
        let (first, _) = try written("libreoffice-letter.odt")
        let (second, _) = try written("libreoffice-letter.odt")
        #expect(first == second)
        let zip = try ZipInspector(first)
        #expect(Set(zip.entries.map(\.dosDate)) == [0x21], "every entry carries the fixed date 1980-01-01")
        #expect(Set(zip.entries.map(\.dosTime)) == [0])
    }

    @Test func aTemplateBecomesADocumentWhenWrittenAsOdt() throws {
        let folder = TemporaryFolder()
        let document = try ODFDocument(contentsOf: Paths.fixture("libreoffice-letter.ott"))
        #expect(document.mediaType == ODFDocument.templateMediaType)
        let target = folder.file("out/letter.odt")
        try document.write(to: target)
        let reopened = try ODFDocument(contentsOf: target)
        #expect(reopened.mediaType == ODFDocument.textMediaType)
        let manifest = try reopened.xml("META-INF/manifest.xml").root.childElements
        #expect(manifest.first { $0.attribute(ODFNamespace.manifest, "full-path") == "/" }?
            .attribute(ODFNamespace.manifest, "media-type") == ODFDocument.textMediaType)
    }

    @Test func writingLeavesNoTemporaryFilesAndReplacesTheTargetWhole() throws {
        let folder = TemporaryFolder()
        let target = folder.file("letter.odt")
        try Data("old".utf8).write(to: target)
        try ODFDocument(contentsOf: Paths.fixture("libreoffice-letter.odt")).write(to: target)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["letter.odt"])
        #expect(try ODFDocument(contentsOf: target).contains("content.xml"))
    }

    @Test func aFailedWriteKeepsTheOldFile() throws {
        let folder = TemporaryFolder()
        let target = folder.file("letter.odt")
        try Data("issued before".utf8).write(to: target)
        // A folder in the way of the temporary file's rename target cannot be replaced by a file.
        let blocked = folder.file("blocked.odt")
        try FileManager.default.createDirectory(at: blocked.appendingPathComponent("inside"), withIntermediateDirectories: true)
        #expect(throws: ODFError.self) {
            try ODFDocument(contentsOf: Paths.fixture("libreoffice-letter.odt")).write(to: blocked)
        }
        #expect(try String(contentsOf: target, encoding: .utf8) == "issued before")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == ["blocked.odt", "letter.odt"])
    }

    @Test func flatODFBecomesAPackageWithItsParts() throws {
        let template = Paths.packageRoot.appendingPathComponent("templates/sitzungsvorlage.fodt")
        let document = try ODFDocument(contentsOf: template)
        #expect(document.mediaType == ODFDocument.textMediaType)
        for part in ["content.xml", "styles.xml", "meta.xml"] {
            #expect(document.contains(part), "\(part) is missing")
        }
        let content = try document.xml("content.xml").root
        #expect(content.is(ODFNamespace.office, "document-content"))
        #expect(content.firstChild(ODFNamespace.office, "body") != nil)
        #expect(content.firstChild(ODFNamespace.office, "master-styles") == nil)
        let styles = try document.xml("styles.xml").root
        #expect(styles.is(ODFNamespace.office, "document-styles"))
        #expect(styles.firstChild(ODFNamespace.office, "master-styles") != nil)
        #expect(styles.firstChild(ODFNamespace.office, "body") == nil)
        // Written and read back as a zip, it is still the same document.
        let reopened = try ODFDocument(bytes: try document.packageData(), source: "written")
        #expect(try reopened.xml("content.xml").canonicalized() == (try document.xml("content.xml").canonicalized()))
    }

    /// A flat template's comments are notes for whoever edits it: none reaches a part of the
    /// package, neither the note before the root element (copied into every part before) nor
    /// one in the body.
    @Test func flatODFCommentsStayOutOfThePackage() throws {
        let flat = Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- Notiz für die Vorlage: intern -->
            <office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
            xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
            xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" \
            office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
            <office:meta><meta:generator>vorlage</meta:generator></office:meta>
            <office:body><office:text><text:p>Vor<!-- mitten im Absatz -->her</text:p></office:text></office:body>
            </office:document>
            <!-- nach dem Wurzelelement -->
            """.utf8)
        let document = try ODFDocument(bytes: flat, source: "notiz.fodt")
        let reopened = try ODFDocument(bytes: try document.packageData(), source: "written")
        for part in ["content.xml", "meta.xml"] {
            let text = String(decoding: try #require(try reopened.data(part)), as: UTF8.self)
            #expect(!text.contains("<!--"), "\(part) holds a comment: \(text)")
        }
        #expect(try reopened.xml("content.xml").root.descendantElements { $0.is(ODFNamespace.text, "p") }.map(\.textContent) == ["Vorher"])
        // The shipped template's note is gone as well.
        let template = try ODFDocument(contentsOf: Paths.packageRoot.appendingPathComponent("templates/sitzungsvorlage.fodt"))
        for part in ["content.xml", "styles.xml", "meta.xml"] {
            #expect(!String(decoding: try template.xml(part).serialized(), as: UTF8.self).contains("Standardvorlage"), "\(part)")
        }
    }
}
