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
        public var problems: [String]
        /// What the paths were checked against: the data file, or the model of a kind.
        public var checkedAgainst: String
    }

    public func run() -> Report {
        let values: Value
        let against: String
        if let data {
            do {
                values = try Paper(contentsOf: data).templateData
            } catch {
                return Report(markers: [], dataPaths: [], dataFields: [], problems: error.errors.map(\.description), checkedAgainst: data.path)
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
                return Report(markers: [], dataPaths: [], dataFields: [], problems: error.errors.map(\.description), checkedAgainst: "")
            }
            let path = template.standardizedFileURL.path
            let model = kind ?? (council.invitationTemplate.standardizedFileURL.path == path ? .invitation : .submission)
            let type = paperType ?? council.paperTypes.first { $0.template.standardizedFileURL.path == path }?.name
            values = model.data(profile: council, paperType: type)
            against = model == .invitation ? "the data of an invitation" : "the data of a \(type ?? council.paperTypes.first?.name ?? "Sitzungsvorlage")"
        }
        let inspection = Template.inspect(contentsOf: template, against: values)
        return Report(markers: inspection.markers, dataPaths: inspection.dataPaths, dataFields: inspection.dataFields,
                      problems: inspection.problems.map(\.description), checkedAgainst: against)
    }
}
