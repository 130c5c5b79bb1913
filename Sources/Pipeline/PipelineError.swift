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

    /// One line per problem, each naming its file and place.
    public var lines: [String] {
        switch source {
        case .input(let errors): errors.errors.map(\.description)
        case .template(let errors): errors.errors.map(\.description)
        case .package(let error): [error.description]
        case .annexes(let problems): problems.map(\.description)
        case .archive(let error): [error.description]
        case .request(let message): [message]
        }
    }

    public var description: String { lines.joined(separator: "\n") }
}
