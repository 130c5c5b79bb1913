import Templating

/// Why an annex cannot go out with its submission, naming the annex, its number and its file.
public struct AnnexProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is, in the codes of the layer that found it (`encrypted`,
    /// `not-pdf`, `unreadable-file` …).
    public var code: String
    public var number: Int
    public var name: String
    public var file: String
    public var message: String
    public var hint: String?

    public init(_ code: String, number: Int, name: String, file: String, _ message: String, hint: String? = nil) {
        self.code = code
        self.number = number
        self.name = name
        self.file = file
        self.message = message
        self.hint = hint
    }

    /// Where the problem is: the file, and the annex as the paper's Anlagen list names it.
    public var location: String { "\(file) (Anlage \(number) „\(name)“)" }

    /// The line a clerk reads: `file (Anlage N „name“): Fehler [code]: message Hinweis: hint`.
    public var description: String {
        Phrase.line(location: location, code: code, message: message, hint: hint)
    }
}
