public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An OpenDocument package: its media type and every entry, with XML parts parsed on demand.
///
/// Open a package with ``init(contentsOf:limits:)`` (.odt, .ott, or flat .fodt), read and change
/// its parts through ``xml(_:)`` and ``setData(_:for:)``, and write it with ``write(to:)`` or
/// ``packageData()``. Entries that were never parsed are written back byte for byte; parsed XML
/// parts are serialized again. Writing always produces a package a strict consumer accepts:
/// `mimetype` first and stored, a complete manifest whose version matches the document's,
/// a stable entry order and fixed timestamps.
public final class ODFDocument {
    /// One entry of the package, in its original order.
    struct Entry {
        var name: String
        var data: Data
        var isDirectory: Bool
        /// The parsed part; once parsed, it is the truth and `data` is stale.
        var xml: XMLDocument?
    }

    /// The package's media type, from its `mimetype` entry
    /// (`application/vnd.oasis.opendocument.text` for .odt).
    public var mediaType: String
    /// Where the package was read from, for error messages.
    public let source: String
    var entries: [Entry]
    let limits: ODFLimits

    public static let textMediaType = "application/vnd.oasis.opendocument.text"
    public static let templateMediaType = "application/vnd.oasis.opendocument.text-template"

    init(mediaType: String, source: String, entries: [Entry], limits: ODFLimits) {
        self.mediaType = mediaType
        self.source = source
        self.entries = entries
        self.limits = limits
    }

    /// Opens a package from disk: a zipped .odt/.ott (any ODF type), or a flat .fodt XML file.
    public convenience init(contentsOf url: URL, limits: ODFLimits = .default) throws(ODFError) {
        let bytes: Data
        do {
            // Asked of the file system directly: `FileManager.attributesOfItem` builds a
            // dictionary of `Any` whose first use cost the Swift runtime a quarter of a million
            // instructions of conformance lookups. A file that cannot be read fails below.
            var status = stat()
            let size = stat(url.path, &status) == 0 ? Int(status.st_size) : 0
            guard size <= limits.maxTotalSize else {
                throw ODFError(.limitExceeded, file: url.path, "Die Datei ist \(size) Bytes groß; angenommen werden höchstens \(limits.maxTotalSize).")
            }
            bytes = try Data(contentsOf: url)
        } catch let error as ODFError {
            throw error
        } catch {
            throw ODFError(.unreadableFile, file: url.path, FileManager.default.fileExists(atPath: url.path) ? "Die Datei kann nicht gelesen werden." : "Die Datei gibt es nicht.", hint: "Prüfen Sie den Pfad und die Zugriffsrechte der Datei.")
        }
        try self.init(bytes: bytes, source: url.path, limits: limits)
    }

    /// Reads a package from bytes; flat XML is recognized by its content, not by a file name.
    public convenience init(bytes: Data, source: String, limits: ODFLimits = .default) throws(ODFError) {
        if bytes.starts(with: [0x50, 0x4B]) {
            try self.init(zipped: bytes, source: source, limits: limits)
        } else if Self.looksLikeXML(bytes) {
            try self.init(flat: bytes, source: source, limits: limits)
        } else {
            throw ODFError(.notODF, file: source, "Die Datei ist weder ein ODF-Paket (.odt, .ott) noch flaches ODF-XML (.fodt).", hint: "Speichern Sie sie in LibreOffice als .odt oder .fodt.")
        }
    }

    private static func looksLikeXML(_ bytes: Data) -> Bool {
        let head = bytes.prefix(64).drop { [0xEF, 0xBB, 0xBF, 0x20, 0x09, 0x0A, 0x0D].contains($0) }
        return head.first == UInt8(ascii: "<")
    }

    /// Reads a zipped package and checks that it is ODF and not encrypted.
    convenience init(zipped bytes: Data, source: String, limits: ODFLimits) throws(ODFError) {
        let archive = try ZipArchive(bytes: bytes, file: source, limits: limits)
        let entries = archive.entries.map { Entry(name: $0.name, data: $0.data, isDirectory: $0.isDirectory) }
        let declared = entries.first { $0.name == "mimetype" }.map { String(decoding: $0.data, as: UTF8.self) }
        self.init(mediaType: declared ?? "", source: source, entries: entries, limits: limits)
        try checkIsODF(declaredMediaType: declared)
    }

    private func checkIsODF(declaredMediaType: String?) throws(ODFError) {
        let manifest = try? xml("META-INF/manifest.xml")
        if let manifest {
            if manifest.root.descendantElements(where: { $0.is(ODFNamespace.manifest, "encryption-data") }).first != nil {
                throw ODFError(.encrypted, file: source, "Die Datei ist mit einem Passwort verschlüsselt (ihr Manifest nennt Verschlüsselungsdaten).", hint: ODFError.savePlainHint)
            }
        }
        let rootType = manifest?.root.childElements
            .first { $0.attribute(ODFNamespace.manifest, "full-path") == "/" }?
            .attribute(ODFNamespace.manifest, "media-type")
        guard let type = declaredMediaType ?? rootType, type.hasPrefix("application/vnd.oasis.opendocument.") else {
            throw ODFError(.notODF, file: source, "Die Datei ist ein Zip-Archiv, aber kein ODF-Paket (kein OpenDocument-Eintrag „mimetype“ und kein Manifest).", hint: "Speichern Sie sie in LibreOffice als .odt.")
        }
        guard manifest != nil else {
            throw ODFError(.notODF, file: source, "Die Datei hat kein lesbares META-INF/manifest.xml, das jedes ODF-Paket braucht.", hint: ODFError.resaveHint)
        }
        guard entry(named: "content.xml") != nil else {
            throw ODFError(.missingPart, file: source, part: "content.xml", "Das Paket hat keinen Dokumentinhalt (content.xml fehlt).", hint: ODFError.resaveHint)
        }
        mediaType = type
        // Parse the standard parts now, so a damaged part is refused when the file is opened.
        for part in ["content.xml", "styles.xml", "meta.xml", "settings.xml"] where contains(part) {
            _ = try xml(part)
        }
    }

    // MARK: Entries

    func index(of name: String) -> Int? { entries.firstIndex { $0.name == name } }
    func entry(named name: String) -> Entry? { index(of: name).map { entries[$0] } }

    /// The names of every entry, in package order (folders end in `/`).
    public var entryNames: [String] { entries.map(\.name) }

    /// True when the package has an entry with this name.
    public func contains(_ name: String) -> Bool { index(of: name) != nil }

    /// The bytes of an entry as they would be written now (parsed parts serialized again).
    public func data(_ name: String) throws(ODFError) -> Data? {
        guard let entry = entry(named: name) else { return nil }
        guard let xml = entry.xml else { return entry.data }
        do {
            return try xml.serialized()
        } catch {
            throw error.inFile(source)
        }
    }

    /// The parsed XML of a part, parsed on first use and kept; changes to it are written on save.
    public func xml(_ name: String) throws(ODFError) -> XMLDocument {
        guard let index = index(of: name) else {
            throw ODFError(.missingPart, file: source, part: name, "Dieser Teil fehlt im Paket.", hint: ODFError.resaveHint)
        }
        if let parsed = entries[index].xml { return parsed }
        do {
            let parsed = try XMLDocument(parsing: entries[index].data, partName: name)
            entries[index].xml = parsed
            return parsed
        } catch {
            throw error.inFile(source)
        }
    }

    /// The names of the entries that hold XML (by content, not only by name).
    public var xmlPartNames: [String] {
        entries.filter { entry in
            guard !entry.isDirectory else { return false }
            if entry.xml != nil { return true }
            let head = entry.data.prefix(5)
            return head.elementsEqual("<?xml".utf8) || (entry.name.hasSuffix(".xml") && Self.looksLikeXML(entry.data))
        }.map(\.name)
    }

    /// Adds or replaces an entry with raw bytes; a new entry goes at the end.
    public func setData(_ data: Data, for name: String) throws(ODFError) {
        try ZipArchive.checkName(name, file: source)
        if let index = index(of: name) {
            entries[index] = Entry(name: name, data: data, isDirectory: false)
        } else {
            entries.append(Entry(name: name, data: data, isDirectory: false))
        }
    }

    /// Adds or replaces an XML part with a parsed document.
    public func setXML(_ document: XMLDocument, for name: String) throws(ODFError) {
        try setData(Data(), for: name)
        entries[index(of: name)!].xml = document
    }

    /// Removes an entry if present.
    public func removeEntry(_ name: String) {
        entries.removeAll { $0.name == name }
    }

    /// A deep, independent copy (XML parts copied, bytes shared copy-on-write).
    public func copy() -> ODFDocument {
        let copied = entries.map { entry in
            Entry(name: entry.name, data: entry.data, isDirectory: entry.isDirectory, xml: entry.xml?.copy())
        }
        return ODFDocument(mediaType: mediaType, source: source, entries: copied, limits: limits)
    }

    /// The value of `office:version` on content.xml's root, if any.
    public var officeVersion: String? {
        (try? xml("content.xml"))?.root.attribute(ODFNamespace.office, "version")
    }
}

@available(*, unavailable, message: "an ODF document holds libxml2 documents; copy() it for each task")
extension ODFDocument: Sendable {}
