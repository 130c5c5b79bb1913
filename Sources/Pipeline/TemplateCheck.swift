public import Foundation
public import Council
public import Templating

/// Checks a template without rendering: its markers, blocks and data paths, and optionally
/// whether a paper's data has everything the template asks for.
public struct TemplateCheck: Sendable {
    public var template: URL
    public var data: URL?
    /// The council profile to take the model from (its paper types' extra fields); by default the
    /// one governing the template's folder, else the built-in defaults.
    public var profile: URL?
    /// The kind of template; by default an invitation when the profile names this template for
    /// it, else a submission.
    public var kind: TemplateModel?
    /// For a submission: the paper type whose extra fields the model has.
    public var paperType: String?

    public init(template: URL, data: URL? = nil, profile: URL? = nil, kind: TemplateModel? = nil, paperType: String? = nil) {
        self.template = template
        self.data = data
        self.profile = profile
        self.kind = kind
        self.paperType = paperType
    }

    /// What the check found: the markers listed, and every problem.
    public struct Report: Sendable {
        public var markers: [Template.MarkerSummary]
        public var dataPaths: [String]
        public var dataFields: [String]
        /// Every problem, with its stable code, for people and for programs.
        public var issues: [Issue]
        /// What the paths were checked against: the data file, or the model of a kind.
        public var checkedAgainst: String

        /// Every problem as a line a person reads.
        public var problems: [String] { issues.map(\.text) }
    }

    /// One problem: a stable code (`unknown-path`, `unbalanced-block`, `unknown-key` …), where it
    /// is, and the line a person reads.
    public struct Issue: Sendable, Hashable {
        public var code: String
        public var file: String
        /// In a template: body, header/footer or document properties; in data: line:column and key.
        public var place: String?
        public var marker: String?
        public var path: String?
        public var message: String
        public var hint: String?
        public var text: String
        /// The same problem as every command reports it (and prints it in `--format json`).
        public var problem: Problem

        init(_ error: TemplateError) {
            problem = Problem(error)
            code = error.code.rawValue
            file = error.template
            place = TemplateError.placeName(error.part)
            marker = error.marker
            path = error.path
            message = error.message
            hint = error.hint
            text = error.description
        }

        init(_ error: InputError) {
            problem = Problem(error)
            code = error.code.rawValue
            file = error.file
            place = [error.line.map { "\($0)" }, error.column.map { "\($0)" }].compactMap { $0 }.joined(separator: ":") + (error.key.map { " (\($0))" } ?? "")
            marker = nil
            path = error.key
            message = error.message
            hint = error.hint
            text = error.description
        }
    }

    public func run() -> Report {
        let values: Value
        let against: String
        if let data {
            do {
                values = try Paper(contentsOf: data).templateData
            } catch {
                return Report(markers: [], dataPaths: [], dataFields: [], issues: error.errors.map(Issue.init), checkedAgainst: data.path)
            }
            against = data.path
        } else {
            let council: CouncilProfile
            do {
                if let profile {
                    council = try CouncilProfile(contentsOf: profile)
                } else {
                    council = try CouncilProfile.governing(template.deletingLastPathComponent())
                }
            } catch {
                return Report(markers: [], dataPaths: [], dataFields: [], issues: error.errors.map(Issue.init), checkedAgainst: "")
            }
            let path = template.standardizedFileURL.path
            let model = kind ?? (council.invitationTemplate.standardizedFileURL.path == path ? .invitation : .submission)
            let type = paperType ?? council.paperTypes.first { $0.template.standardizedFileURL.path == path }?.name
            values = model.data(profile: council, paperType: type)
            against = model == .invitation ? "die Daten einer Einladung" : "die Daten einer \(type ?? council.paperTypes.first?.name ?? "Sitzungsvorlage")"
        }
        let inspection = Template.inspect(contentsOf: template, against: values)
        return Report(markers: inspection.markers, dataPaths: inspection.dataPaths, dataFields: inspection.dataFields,
                      issues: inspection.problems.map(Issue.init), checkedAgainst: against)
    }
}
