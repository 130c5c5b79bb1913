public import Foundation

extension ODFDocument {
    /// The package as zip bytes, with the manifest brought up to date.
    ///
    /// - Parameter mediaType: the media type to write (for example to turn a template into a
    ///   document); the package's own by default.
    public func packageData(mediaType: String? = nil) throws(ODFError) -> Data {
        if let mediaType { self.mediaType = mediaType }
        try updateManifest()
        var ordered: [ZipWriter.Entry] = [
            ZipWriter.Entry(name: "mimetype", data: Data(self.mediaType.utf8), stored: true)
        ]
        var manifestEntry: ZipWriter.Entry?
        for entry in entries where entry.name != "mimetype" {
            let bytes: Data
            do {
                bytes = try entry.xml?.serialized() ?? entry.data
            } catch {
                throw error.inFile(source)
            }
            let written = ZipWriter.Entry(name: entry.name, data: bytes, stored: Self.isPrecompressed(entry.name), isDirectory: entry.isDirectory)
            if entry.name == Self.manifestPath { manifestEntry = written } else { ordered.append(written) }
        }
        if let manifestEntry { ordered.append(manifestEntry) }
        return try ZipWriter.archive(ordered, file: source)
    }

    /// Writes the package to `url` through a temporary file and a rename, so a failure never leaves
    /// a partial file. A `.odt` target gets the text media type, a `.ott` target the template one.
    public func write(to url: URL) throws(ODFError) {
        var type: String? = nil
        switch url.pathExtension.lowercased() {
        case "odt" where mediaType == Self.templateMediaType: type = Self.textMediaType
        case "ott" where mediaType == Self.textMediaType: type = Self.templateMediaType
        default: break
        }
        let bytes: Data
        do {
            bytes = try packageData(mediaType: type)
        } catch {
            throw error.inFile(url.path)
        }
        try AtomicFile.write(bytes, to: url)
    }

    static let manifestPath = "META-INF/manifest.xml"

    /// Formats that are compressed already: deflating them again only costs time.
    static func isPrecompressed(_ name: String) -> Bool {
        ["png", "jpg", "jpeg", "gif", "zip", "odt", "ods", "odp", "odg", "pdf"]
            .contains((name as NSString).pathExtension.lowercased())
    }

    /// The media type to list in the manifest for an entry nobody described yet.
    static func guessedMediaType(_ name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "xml": "text/xml"
        case "rdf": "application/rdf+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "svg": "image/svg+xml"
        case "bmp": "image/bmp"
        case "tif", "tiff": "image/tiff"
        case "wmf": "image/x-wmf"
        case "emf": "image/x-emf"
        case "pdf": "application/pdf"
        default: "application/octet-stream"
        }
    }

    /// Makes `META-INF/manifest.xml` list every entry (and nothing else), with the package's media
    /// type on `/` and `manifest:version` equal to `office:version`. Entries already described keep
    /// their description and order; nothing is touched when the manifest is already right.
    func updateManifest() throws(ODFError) {
        if !contains(Self.manifestPath) {
            let empty = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest:manifest xmlns:manifest=\"\(ODFNamespace.manifest)\"/>"
            try setXML(try XMLDocument(parsing: Data(empty.utf8), partName: Self.manifestPath), for: Self.manifestPath)
        }
        let manifest = try xml(Self.manifestPath)
        let root = manifest.root
        let ns = ODFNamespace.manifest
        let version = officeVersion
        let versioned = version.map { $0 >= "1.2" } ?? false

        if versioned, let version, root.attribute(ns, "version") != version {
            root.setAttribute(ns, "version", prefix: "manifest", to: version)
        } else if !versioned, root.attribute(ns, "version") != nil {
            root.removeAttribute(ns, "version")
        }

        let present = Set(entries.map(\.name))
        var listed = Set<String>()
        var rootEntry: XMLNode?
        for fileEntry in root.childElements where fileEntry.is(ns, "file-entry") {
            let path = fileEntry.attribute(ns, "full-path") ?? ""
            if path == "/" {
                rootEntry = fileEntry
                listed.insert(path)
                continue
            }
            let exists = present.contains(path) || (path.hasSuffix("/") && present.contains { $0.hasPrefix(path) })
            if !exists || listed.contains(path) {
                fileEntry.remove()
            } else {
                listed.insert(path)
            }
        }
        if rootEntry == nil {
            let made = manifest.makeElement(ns, "file-entry", prefix: "manifest")
            made.setAttribute(ns, "full-path", prefix: "manifest", to: "/")
            if let first = root.firstChild { first.insertBefore(made) } else { root.append(made) }
            rootEntry = made
        }
        if rootEntry!.attribute(ns, "media-type") != mediaType {
            rootEntry!.setAttribute(ns, "media-type", prefix: "manifest", to: mediaType)
        }
        if versioned, let version, let written = rootEntry!.attribute(ns, "version"), written != version {
            rootEntry!.setAttribute(ns, "version", prefix: "manifest", to: version)
        }
        for entry in entries where !entry.isDirectory && !listed.contains(entry.name) {
            guard entry.name != "mimetype", !entry.name.hasPrefix("META-INF/") else { continue }
            let made = manifest.makeElement(ns, "file-entry", prefix: "manifest")
            made.setAttribute(ns, "full-path", prefix: "manifest", to: entry.name)
            made.setAttribute(ns, "media-type", prefix: "manifest", to: Self.guessedMediaType(entry.name))
            root.append(made)
        }
    }
}
