import CLibZip
public import Foundation

/// A package prepared once for many documents: what no document changes is compressed once and
/// copied into each package as compressed bytes; only the parts a document fills are deflated,
/// and of those, bytes every document starts with can come deflated already (``DeflatedPrefix``).
///
/// The package written for a document is the one ``ODFDocument/packageData(mediaType:)`` writes
/// for the same entries (same order, names, manifest, timestamps); only the compressed bytes of
/// the filled parts differ, as ``Deflater`` compresses them with libdeflate instead of zlib. The prepared archive stays open while the package lives, so a
/// prepared package belongs to one task, like the template it comes from.
public final class PreparedPackage {
    /// Where one entry of the written package comes from.
    private enum Slot {
        case copied(name: String, index: UInt64, stored: Bool, isDirectory: Bool)
        case filled(name: String)
    }

    /// The parts each document supplies, in package order.
    public let filledParts: [String]
    private let slots: [Slot]
    private let source: String
    /// The prepared zip's bytes (malloc'd: libzip reads them in place) and the archive open on them.
    private let bytes: UnsafeMutableRawPointer
    private let archive: OpaquePointer
    /// The compressor of the filled parts, kept from document to document.
    private let deflater: Deflater

    /// Prepares `document` for documents that supply `filledParts` and lack `removed`, written
    /// with `mediaType` (the document's own when nil). Every filled part must exist in `document`.
    public init(_ document: ODFDocument, filledParts: Set<String>, removed: Set<String>, mediaType: String? = nil) throws(ODFError) {
        deflater = try Deflater()
        let package = document.copy()
        for name in removed { package.removeEntry(name) }
        if let mediaType { package.mediaType = mediaType }
        try package.updateManifest()
        source = document.source

        // The order packageData writes: mimetype, the entries, the manifest last.
        var names = ["mimetype"]
        names += package.entries.map(\.name).filter { $0 != "mimetype" && $0 != ODFDocument.manifestPath }
        if package.contains(ODFDocument.manifestPath) { names.append(ODFDocument.manifestPath) }
        var constant: [ZipWriter.Entry] = []
        var slots: [Slot] = []
        var filled: [String] = []
        for name in names {
            if filledParts.contains(name) {
                slots.append(.filled(name: name))
                filled.append(name)
                continue
            }
            let entry: ZipWriter.Entry
            if name == "mimetype" {
                entry = ZipWriter.Entry(name: name, data: Data(package.mediaType.utf8), stored: true)
            } else {
                let stored = package.entries[package.index(of: name)!]
                entry = ZipWriter.Entry(name: name, data: try package.data(name) ?? Data(), stored: ODFDocument.isPrecompressed(name), isDirectory: stored.isDirectory)
            }
            slots.append(.copied(name: name, index: UInt64(constant.count), stored: entry.stored, isDirectory: entry.isDirectory))
            constant.append(entry)
        }
        guard filled.count == filledParts.count else {
            let missing = filledParts.subtracting(filled).sorted().joined(separator: ", ")
            throw ODFError(.missingPart, file: source, part: missing, "Dieser Teil fehlt im Paket.", hint: ODFError.resaveHint)
        }
        self.slots = slots
        self.filledParts = filled

        let zipped = try ZipWriter.archive(constant, file: source)
        let bytes = malloc(max(zipped.count, 1))!
        zipped.withUnsafeBytes { raw in bytes.copyMemory(from: raw.baseAddress!, byteCount: raw.count) }
        self.bytes = bytes
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        guard let zipSource = zip_source_buffer_create(bytes, zip_uint64_t(zipped.count), 0, &error) else {
            free(bytes)
            throw LibZip.error(&error, file: source, while: "beim Vorbereiten des Pakets")
        }
        guard let opened = LibZip.open(zipSource, flags: ZIP_RDONLY, error: &error) else {
            zip_source_free(zipSource)
            free(bytes)
            throw LibZip.error(&error, file: source, while: "beim Vorbereiten des Pakets")
        }
        archive = opened
    }

    deinit {
        zip_discard(archive)
        free(bytes)
    }

    /// A filled part, deflated, ready for ``package(deflated:)``.
    public struct DeflatedPart {
        let deflated: Deflater.Deflated
    }

    /// Starts the filled part `name`, to be given piece by piece to ``appendToPart(_:)``;
    /// one part at a time. With `prefix`, the part starts with its bytes, and what is appended is
    /// the rest.
    public func beginPart(_ name: String, prefix: DeflatedPrefix? = nil) throws(ODFError) {
        try deflater.begin(name, prefix: prefix)
    }

    /// Adds the next piece of the part begun last.
    public func appendToPart(_ bytes: UnsafeRawBufferPointer) throws(ODFError) {
        try deflater.append(bytes)
    }

    /// Ends the part begun last.
    public func endPart() throws(ODFError) -> DeflatedPart {
        DeflatedPart(deflated: try deflater.finish())
    }

    /// A whole filled part, deflated.
    public func deflatedPart(_ data: Data, name: String) throws(ODFError) -> DeflatedPart {
        DeflatedPart(deflated: try deflater.deflate(data, part: name))
    }

    /// The package with `parts` (every filled part, by name) in their places.
    public func package(_ parts: [String: Data]) throws(ODFError) -> Data {
        var deflated: [String: DeflatedPart] = [:]
        for (name, data) in parts { deflated[name] = try deflatedPart(data, name: name) }
        return try package(deflated: deflated)
    }

    /// The package with `parts`, deflated already, in their places.
    public func package(deflated parts: [String: DeflatedPart]) throws(ODFError) -> Data {
        var entries: [ZipWriter.Entry] = []
        entries.reserveCapacity(slots.count)
        for slot in slots {
            switch slot {
            case .copied(let name, let index, let stored, let isDirectory):
                entries.append(ZipWriter.Entry(name: name, data: Data(), stored: stored, isDirectory: isDirectory, copied: (archive, index)))
            case .filled(let name):
                guard let part = parts[name]?.deflated else {
                    throw ODFError(.missingPart, file: source, part: name, "Dieser Teil wurde für das Paket nicht geliefert.")
                }
                entries.append(ZipWriter.Entry(name: name, data: part.compressed, stored: false, deflated: (part.crc, part.size)))
            }
        }
        return try ZipWriter.archive(entries, file: source)
    }
}

@available(*, unavailable, message: "a prepared package holds an open libzip archive; prepare one per task")
extension PreparedPackage: Sendable {}
