public import Archive
public import Council
public import ODFPackage
public import Templating

/// Why a job produced nothing: every problem of its input, its template or its output.
public struct PipelineError: Error, Sendable, CustomStringConvertible {
    /// Where the problems come from.
    public enum Source: Sendable {
        case input(InputErrors)
        case template(TemplateErrors)
        case package(ODFError)
        case annexes([AnnexProblem])
        case archive(ArchiveError)
        /// A request that does not fit the meeting (an unknown reference after --only).
        case request(String)
        /// Documents that were written, but whose PDF/A copies could not be made.
        case conversion([Problem])
    }

    public var source: Source

    public init(_ source: Source) { self.source = source }

    /// The problems of filling a template.
    public init(filling failure: FillFailure) {
        switch failure {
        case .template(let errors): source = .template(errors)
        case .package(let error): source = .package(error)
        }
    }

    /// The code of a request that does not fit the meeting.
    public static let unknownReferenceCode = "unknown-reference"

    /// Every problem, each with its code and place.
    public var problems: [Problem] {
        switch source {
        case .input(let errors): errors.errors.map(Problem.init)
        case .template(let errors): errors.errors.map(Problem.init)
        case .package(let error): [Problem(error)]
        case .annexes(let problems): problems.map(Problem.init)
        case .archive(let error): [Problem(error)]
        case .request(let message): [Problem(code: Self.unknownReferenceCode, message: message)]
        case .conversion(let problems): problems
        }
    }

    /// One line per problem, each naming its file and place.
    public var lines: [String] { problems.map(\.description) }

    public var description: String { lines.joined(separator: "\n") }
}
