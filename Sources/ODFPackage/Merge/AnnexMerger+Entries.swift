import Foundation

extension AnnexMerger {
    /// A link to something inside the package: the entry or folder path, with what surrounded it
    /// in the link (`./` before, `/` after) so the new link keeps its form.
    struct PackageLink {
        var prefix: String
        var path: String
        var suffix: String
        var isFolder: Bool
    }

    /// The package entry or folder an `xlink:href` of the annex points to, or nil for links
    /// outside the package (URLs, `../file`, internal `#targets`) and links to nothing.
    func packageLink(_ value: String) -> PackageLink? {
        guard !value.isEmpty, !value.hasPrefix("#"), !value.hasPrefix("/"), !value.hasPrefix("../") else { return nil }
        if let colon = value.firstIndex(of: ":"), value[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+.-".contains($0) }),
            value.first?.isLetter == true
        {
            return nil
        }
        var path = Substring(value)
        var prefix = ""
        while path.hasPrefix("./") {
            path = path.dropFirst(2)
            prefix += "./"
        }
        var suffix = ""
        if path.hasSuffix("/") {
            path = path.dropLast()
            suffix = "/"
        }
        for candidate in [String(path), String(path).removingPercentEncoding].compactMap({ $0 }) where !candidate.isEmpty {
            if annex.entries.contains(where: { $0.name == candidate && !$0.isDirectory }) {
                return PackageLink(prefix: prefix, path: candidate, suffix: suffix, isFolder: false)
            }
            if annex.entries.contains(where: { $0.name.hasPrefix(candidate + "/") }) {
                return PackageLink(prefix: prefix, path: candidate, suffix: suffix, isFolder: true)
            }
        }
        return nil
    }

    /// Gives every package entry and folder the copied nodes link to a new name in the receiver:
    /// `Pictures/A1-logo.png`, `Object A1-1` (for `Object 1`), `ObjectReplacements/Object A1-1`.
    func decideEntries() {
        let roots = annexTextChildren + needed.map(\.node) + copiedSingletons
        var taken = Set(receiver.entries.map(\.name))
        for root in roots {
            root.forEachElement { element in
                for attribute in element.attributes where attribute.namespaceURI == NS.xlink && attribute.localName == "href" {
                    guard let link = packageLink(attribute.value), entryRenames[link.path] == nil else { continue }
                    let renamed = freshEntryName(link.path, isFolder: link.isFolder, taken: &taken)
                    entryRenames[link.path] = renamed
                    entryOrder.append(link.path)
                }
            }
        }
    }

    private func freshEntryName(_ path: String, isFolder: Bool, taken: inout Set<String>) -> String {
        let folder = path.lastIndex(of: "/").map { String(path[...$0]) } ?? ""
        let base = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        let stem: String, suffix: String
        if !isFolder, let dot = base.lastIndex(of: "."), dot != base.startIndex {
            stem = String(base[..<dot])
            suffix = String(base[dot...])
        } else {
            stem = base
            suffix = ""
        }
        let tagged = stem.hasPrefix("Object ") ? "Object \(tag)-" + stem.dropFirst(7) : "\(tag)-\(stem)"
        var counter = 1
        while true {
            let candidate = folder + tagged + (counter == 1 ? "" : "-\(counter)") + suffix
            let clashes = taken.contains(candidate) || taken.contains { $0.hasPrefix(candidate + "/") }
            if !clashes {
                taken.insert(isFolder ? candidate + "/" : candidate)
                return candidate
            }
            counter += 1
        }
    }

    /// The parsed, adapted copy of an ODF part of a document embedded in folder `folder`
    /// (`Object 1/content.xml`), or nil for pictures, MathML and anything else.
    private func embeddedPart(_ name: String, in folder: String) -> XMLDocument? {
        let local = name.dropFirst(folder.count)
        guard ["/content.xml", "/styles.xml", "/meta.xml", "/settings.xml"].contains(local),
            let part = try? annex.xml(name), part.root.namespaceURI == NS.office
        else { return nil }
        let copy = part.copy(partName: name)
        VersionAdapter.setVersion(targetVersion, on: copy.root)
        if targetVersion >= "1.2" { VersionAdapter.adapt(copy.root) }
        return copy
    }

    /// Copies the linked entries into the receiver under their new names, with manifest entries
    /// carrying the annex manifest's media types (and versions of embedded documents).
    func importEntries() throws(ODFError) -> [String] {
        guard !entryOrder.isEmpty else { return [] }
        // A receiver without a manifest gets one first, so the entries below are described by
        // the annex's manifest rather than guessed.
        if !receiver.contains(ODFDocument.manifestPath) { try receiver.updateManifest() }
        var copied: [String] = []
        var renamedPaths: [(old: String, new: String)] = []
        for path in entryOrder {
            guard let new = entryRenames[path] else { continue }
            renamedPaths.append((path, new))
            for entry in annex.entries where !entry.isDirectory && (entry.name == path || entry.name.hasPrefix(path + "/")) {
                let name = new + entry.name.dropFirst(path.count)
                if let part = embeddedPart(entry.name, in: path) {
                    try receiver.setXML(part, for: name)
                } else {
                    guard let data = try annex.data(entry.name) else { continue }
                    try receiver.setData(data, for: name)
                }
                copied.append(name)
            }
        }
        let manifestRoot = try receiver.xml(ODFDocument.manifestPath).root
        guard annex.contains(ODFDocument.manifestPath) else { return copied }
        let ns = NS.manifest
        for fileEntry in try annex.xml(ODFDocument.manifestPath).root.childElements where fileEntry.is(ns, "file-entry") {
            guard let fullPath = fileEntry.attribute(ns, "full-path") else { continue }
            for (old, new) in renamedPaths where fullPath == old || fullPath.hasPrefix(old + "/") {
                let made = manifestRoot.appendCopy(of: fileEntry)
                let newPath = new + fullPath.dropFirst(old.count)
                made.replaceAttributeValue(ns, "full-path", with: newPath)
                // An embedded document takes the container's version (see VersionAdapter).
                if made.attribute(ns, "version") != nil { made.replaceAttributeValue(ns, "version", with: targetVersion) }
                if (made.attribute(ns, "media-type") ?? "").isEmpty, !newPath.hasSuffix("/") {
                    made.setAttribute(ns, "media-type", prefix: "manifest", to: ODFDocument.guessedMediaType(newPath))
                }
                break
            }
        }
        return copied
    }
}
