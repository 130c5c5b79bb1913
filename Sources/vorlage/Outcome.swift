import ArgumentParser
import Foundation
import Pipeline

/// How a command ended: its exit code and the word programs read in `--format json`.
///
/// The codes are the same for every command: 0 everything done; 1 the input has problems and
/// nothing was written; 2 some documents failed, the others were written; 3 the build folder is
/// busy or cannot be written; 64 a wrong command line (argument-parser's own usage errors too).
enum Outcome: Int32, CaseIterable {
    case ok = 0
    case inputProblems = 1
    case someFailed = 2
    case buildFolderBusy = 3
    case usage = 64

    /// The stable word in JSON output.
    var word: String {
        switch self {
        case .ok: "ok"
        case .inputProblems: "input-problems"
        case .someFailed: "some-failed"
        case .buildFolderBusy: "build-folder-busy"
        case .usage: "usage"
        }
    }

    /// The outcome of a job that produced nothing.
    init(_ error: PipelineError) {
        switch error.source {
        case .archive(let error): self = error.code == .notReleasable ? .inputProblems : .buildFolderBusy
        case .request: self = .usage
        case .conversion: self = .someFailed
        default: self = .inputProblems
        }
    }

    /// Ends the command with this outcome's exit code (nothing to do for success).
    func exit() throws {
        if self != .ok { throw ExitCode(rawValue) }
    }

    /// The exit codes, as the commands' help explains them.
    static let helpText = """
        Exit-Codes: 0 alles erzeugt; 1 die Eingaben haben Probleme, nichts wurde geschrieben; 2 einige Dokumente \
        sind gescheitert, die übrigen wurden geschrieben; 3 der Ausgabeordner ist belegt oder nicht beschreibbar; \
        64 falscher Aufruf.
        """
}

/// Output for people (standard error for problems) and for programs (one JSON object on standard output).
enum Output {
    /// Writes a line to standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Checks a `--format` value.
    static func validate(format: String) throws {
        guard ["text", "json"].contains(format) else {
            throw ValidationError("--format ist text oder json, nicht „\(format)“.")
        }
    }

    /// Prints one JSON object on standard output, keys sorted, so the same run prints the same bytes.
    static func json(_ object: [String: Any]) throws {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        print(String(decoding: data, as: UTF8.self))
    }

    /// The frame every command's JSON shares: command, version, outcome and exit code.
    static func frame(_ command: String, _ outcome: Outcome) -> [String: Any] {
        ["command": command, "version": VorlageVersion.current, "outcome": outcome.word, "exitCode": Int(outcome.rawValue)]
    }

    /// Problems for JSON, each tagged with the document it made fail (null for the run as a whole).
    static func json(_ problems: [Problem], document: String? = nil) -> [[String: Any]] {
        problems.map { problem in
            var object = problem.jsonObject
            object["document"] = document ?? NSNull()
            return object
        }
    }

    /// „1 Dokument“, „3 Dokumente“.
    static func count(_ number: Int, _ singular: String, _ plural: String) -> String {
        "\(number) \(number == 1 ? singular : plural)"
    }
}
