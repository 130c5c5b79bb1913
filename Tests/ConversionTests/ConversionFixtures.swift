import Conversion
import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// What the conversion tests need around them: the worker executable, input documents, the
/// processes of a converter, and what a PDF says about itself.
enum ConversionFixtures {
    /// The built `vorlage` executable, which the converter starts as its worker.
    static var executable: URL {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("vorlage")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return Paths.packageRoot.appendingPathComponent(".build/debug/vorlage")
    }

    static let example = Paths.packageRoot.appendingPathComponent("examples/kreistag-2013-03-06/papers/integrationszentrum.yaml")
    static let template = Paths.packageRoot.appendingPathComponent("templates/sitzungsvorlage.fodt")

    /// The example's submission, rendered by `vorlage render` into `folder` (6 pages, with a title
    /// and de-DE as its language).
    static func renderExample(into folder: TemporaryFolder) throws -> URL {
        let output = folder.file("Sitzungsvorlage.odt")
        let outcome = try ExternalTools.run(executable.path, ["render", example.path, "--template", template.path, "--output", output.path])
        guard outcome.status == 0 else { throw ExternalTools.ToolError("vorlage render failed: \(outcome.error)") }
        return output
    }

    /// A one-page letter (title „Sitzungsvorlage“, de-DE) copied into `folder`.
    static func letter(in folder: TemporaryFolder) throws -> URL {
        try folder.copy(Paths.fixture("libreoffice-letter.odt"))
    }

    /// Requests converting `input` `count` times, to `letter-1.pdf` … in `folder`.
    static func requests(_ input: URL, count: Int, in folder: TemporaryFolder) -> [ConversionRequest] {
        (1...count).map { ConversionRequest(input: input, output: folder.file("pdf/letter-\($0).pdf")) }
    }

    // MARK: Processes

    /// The running processes of a converter: those whose command line names its profile folders
    /// (every worker's does), and their children. Zombies, already dead, are left out.
    static func processes(of profileRoot: URL) -> [Int32] {
        struct Process { var pid: Int32; var parent: Int32; var commandLine: String }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        let running: [Process] = entries.compactMap(Int32.init).compactMap { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let afterName = stat.range(of: ") ", options: .backwards) else { return nil }
            let fields = stat[afterName.upperBound...].split(separator: " ")
            guard fields.count > 1, fields[0] != "Z", let parent = Int32(fields[1]) else { return nil }
            let commandLine = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline")))
                .map { String(decoding: $0.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self) } ?? ""
            return Process(pid: pid, parent: parent, commandLine: commandLine)
        }
        let workers = Set(running.filter { $0.commandLine.contains(profileRoot.path) }.map(\.pid))
        return running.filter { workers.contains($0.pid) || workers.contains($0.parent) }.map(\.pid)
    }

    /// True when `pid` and all its threads have ended: a zombie whose other threads are gone too
    /// (they hold its pipes open until then), or gone from /proc altogether.
    static func hasEnded(_ pid: Int32) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return true }
        let threads = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task"))?.count ?? 0
        return status.contains("State:\tZ") && threads <= 1
    }

    /// Waits up to `seconds` until `condition` holds; returns whether it did.
    static func eventually(within seconds: Double, _ condition: () -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            guard Date() < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return true
    }
}

/// What a PDF says about itself, read with poppler's pdfinfo and pdffonts and qpdf's JSON.
struct PDFFacts {
    var info: [String: String] = [:]
    var xmp = ""
    var fonts: [(name: String, embedded: Bool)] = []
    var catalog: [String: Any] = [:]
    var outputIntents: [[String: Any]] = []

    init(_ pdf: URL) throws {
        for tool in ["pdfinfo", "pdffonts", "qpdf"] where !ExternalTools.isInstalled(tool) {
            throw ExternalTools.ToolError("\(tool) is not installed; the README's test command installs poppler-utils and qpdf.")
        }
        let infoOutcome = try ExternalTools.run("pdfinfo", [pdf.path])
        for line in infoOutcome.output.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            info[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        xmp = try ExternalTools.run("pdfinfo", ["-meta", pdf.path]).output

        // name  type  encoding  emb sub uni object ID: the last five columns are fixed.
        for line in try ExternalTools.run("pdffonts", [pdf.path]).output.split(separator: "\n").dropFirst(2) {
            let columns = line.split(separator: " ")
            guard columns.count >= 6 else { continue }
            fonts.append((String(columns[0]), columns[columns.count - 5] == "yes"))
        }

        let json = try ExternalTools.run("qpdf", ["--json", pdf.path]).output
        let root = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let objects = ((root?["qpdf"] as? [Any])?.last as? [String: Any]) ?? [:]
        func object(_ reference: Any?) -> [String: Any]? {
            guard let reference = reference as? String else { return nil }
            return (objects["obj:\(reference)"] as? [String: Any])?["value"] as? [String: Any]
        }
        let trailer = (objects["trailer"] as? [String: Any])?["value"] as? [String: Any]
        catalog = object(trailer?["/Root"]) ?? [:]
        outputIntents = (catalog["/OutputIntents"] as? [Any] ?? []).compactMap { $0 as? [String: Any] ?? object($0) }
    }

    /// The XMP's PDF/A part and conformance (`pdfaid:part`, `pdfaid:conformance`), element or attribute.
    var pdfaIdentification: (part: String?, conformance: String?) {
        func value(_ name: String) -> String? {
            for pattern in ["<pdfaid:\(name)>([^<]*)</pdfaid:\(name)>", "pdfaid:\(name)=\"([^\"]*)\""] {
                if let match = xmp.range(of: pattern, options: .regularExpression) {
                    let text = String(xmp[match])
                    return text.replacingOccurrences(of: pattern, with: "$1", options: .regularExpression)
                }
            }
            return nil
        }
        return (value("part"), value("conformance"))
    }

    /// The catalog's /Lang, without qpdf's `u:` prefix for text strings.
    var language: String? {
        (catalog["/Lang"] as? String).map { $0.hasPrefix("u:") ? String($0.dropFirst(2)) : $0 }
    }

    /// Whether the catalog says the PDF is tagged and has a structure tree.
    var isTagged: Bool {
        ((catalog["/MarkInfo"] as? [String: Any])?["/Marked"] as? Bool) == true && catalog["/StructTreeRoot"] != nil
    }
}
