import Foundation
import TestSupport

/// What qpdf and poppler read back from a PDF: its objects (qpdf's JSON, version 2), bookmarks,
/// page labels, document information dates and text.
struct ReadBack {
    let file: URL
    /// Every object by key ("obj:85 0 R", "trailer"), with stream data decoded and in base64.
    private let objects: [String: Any]
    private let outlineAndLabels: [String: Any]

    /// Writes `data` into `folder` and reads it with qpdf.
    init(_ data: Data, in folder: TemporaryFolder, name: String = "read-back.pdf") throws {
        file = folder.file(name)
        try data.write(to: file)
        objects = try Self.json(["--json-key=qpdf", "--json-stream-data=inline", "--decode-level=generalized"], file)["qpdf"]
            .flatMap { ($0 as? [Any])?.last as? [String: Any] } ?? [:]
        outlineAndLabels = try Self.json(["--json-key=outlines", "--json-key=pagelabels", "--json-key=pages"], file)
    }

    private static func json(_ arguments: [String], _ file: URL) throws -> [String: Any] {
        let outcome = try ExternalTools.run("qpdf", ["--json"] + arguments + [file.path])
        guard outcome.status == 0 else { throw ExternalTools.ToolError("qpdf --json failed on \(file.path): \(outcome.error)") }
        return try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [String: Any] ?? [:]
    }

    // MARK: Objects

    /// An object's value: dictionaries as `[String: Any]`, references followed; streams give
    /// their dictionary.
    func resolve(_ value: Any?) -> Any? {
        if let reference = value as? String, reference.hasSuffix(" R"), let object = objects["obj:\(reference)"] as? [String: Any] {
            if let stream = object["stream"] as? [String: Any] { return stream["dict"] }
            return object["value"]
        }
        return value
    }

    func dictionary(_ value: Any?) -> [String: Any] { resolve(value) as? [String: Any] ?? [:] }

    /// A stream's decoded data.
    func streamData(_ reference: Any?) -> Data? {
        guard let reference = reference as? String,
              let stream = (objects["obj:\(reference)"] as? [String: Any])?["stream"] as? [String: Any],
              let base64 = stream["data"] as? String else { return nil }
        return Data(base64Encoded: base64)
    }

    var trailer: [String: Any] { (objects["trailer"] as? [String: Any])?["value"] as? [String: Any] ?? [:] }
    var catalog: [String: Any] { dictionary(trailer["/Root"]) }
    var information: [String: Any] { dictionary(trailer["/Info"]) }

    /// The XMP packet's text.
    var metadata: String { streamData(catalog["/Metadata"]).map { String(decoding: $0, as: UTF8.self) } ?? "" }

    /// A text string's value: qpdf writes "u:" before text it could decode.
    static func text(_ value: Any?) -> String? {
        guard let string = value as? String else { return nil }
        return string.hasPrefix("u:") ? String(string.dropFirst(2)) : string
    }

    // MARK: Navigation

    /// One bookmark: its title, the page it shows (from 1) and the bookmarks below it.
    struct Bookmark: Equatable, CustomStringConvertible {
        var title: String
        var page: Int?
        var kids: [Bookmark]
        var description: String { "\(title) → \(page.map(String.init) ?? "?")" + (kids.isEmpty ? "" : " \(kids)") }
    }

    var bookmarks: [Bookmark] {
        func read(_ items: Any?) -> [Bookmark] {
            (items as? [[String: Any]] ?? []).map {
                Bookmark(title: $0["title"] as? String ?? "", page: $0["destpageposfrom1"] as? Int, kids: read($0["kids"]))
            }
        }
        return read(outlineAndLabels["outlines"])
    }

    /// Every page's label as a viewer shows it, from the `/PageLabels` number tree (decimal and
    /// unnumbered ranges only, which is what the packet writes).
    var pageLabels: [String] {
        let ranges = (outlineAndLabels["pagelabels"] as? [[String: Any]] ?? []).compactMap { range -> (Int, [String: Any])? in
            guard let index = range["index"] as? Int, let label = range["label"] as? [String: Any] else { return nil }
            return (index, label)
        }
        return (0..<pageCount).map { page in
            guard let (start, label) = ranges.last(where: { $0.0 <= page }) else { return String(page + 1) }
            let prefix = Self.text(label["/P"]) ?? ""
            guard label["/S"] as? String == "/D" else { return prefix }
            return prefix + String((label["/St"] as? Int ?? 1) + page - start)
        }
    }

    var pageCount: Int { (outlineAndLabels["pages"] as? [Any])?.count ?? 0 }

    /// For each link annotation on page `page` (from 1), the page (from 1) its explicit
    /// destination shows; nil where the destination is missing or not a page of this file.
    func linkTargets(onPage page: Int) -> [Int?] {
        let pageObjects = (outlineAndLabels["pages"] as? [[String: Any]] ?? []).map { $0["object"] as? String }
        let annotations = resolve(dictionary(pageObjects[page - 1])["/Annots"]) as? [Any] ?? []
        return annotations.map(dictionary).filter { $0["/Subtype"] as? String == "/Link" }.map { link in
            let destination = resolve(link["/Dest"] ?? dictionary(link["/A"])["/D"]) as? [Any]
            guard let target = destination?.first as? String, let index = pageObjects.firstIndex(of: target) else { return nil }
            return index + 1
        }
    }

    // MARK: Poppler

    /// The text of one page (from 1), or of all pages.
    func text(page: Int? = nil) throws -> String {
        let range = page.map { ["-f", String($0), "-l", String($0)] } ?? []
        let outcome = try ExternalTools.run("pdftotext", range + ["-layout", file.path, "-"])
        guard outcome.status == 0 else { throw ExternalTools.ToolError("pdftotext failed on \(file.path): \(outcome.error)") }
        return outcome.output
    }

    /// `pdfinfo -isodates`, as "key: value" pairs.
    func pdfinfo() throws -> [String: String] {
        let outcome = try ExternalTools.run("pdfinfo", ["-isodates", file.path])
        guard outcome.status == 0 else { throw ExternalTools.ToolError("pdfinfo failed on \(file.path): \(outcome.error)") }
        var values: [String: String] = [:]
        for line in outcome.output.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            values[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return values
    }
}
