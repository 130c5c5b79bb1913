/// Why an annex cannot go out with its submission, naming the annex, its number and its file.
public struct AnnexProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var number: Int
    public var name: String
    public var file: String
    public var message: String
    public var hint: String?

    public init(number: Int, name: String, file: String, _ message: String, hint: String? = nil) {
        self.number = number
        self.name = name
        self.file = file
        self.message = message
        self.hint = hint
    }

    public var description: String {
        "\(file): annex \(number) „\(name)“ \(message)" + (hint.map { " \($0)" } ?? "")
    }
}
