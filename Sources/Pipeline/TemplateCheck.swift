public import Foundation
import Council
public import Templating

/// Checks a template without rendering: its markers, blocks and data paths, and optionally
/// whether a paper's data has everything the template asks for.
public struct TemplateCheck: Sendable {
    public var template: URL
    public var data: URL?

    public init(template: URL, data: URL? = nil) {
        self.template = template
        self.data = data
    }

    /// What the check found: the markers listed, and every problem.
    public struct Report: Sendable {
        public var markers: [Template.MarkerSummary]
        public var dataPaths: [String]
        public var dataFields: [String]
        public var problems: [String]
    }

    public func run() -> Report {
        let compiled: Template
        do {
            compiled = try Template(contentsOf: template)
        } catch {
            return Report(markers: [], dataPaths: [], dataFields: [], problems: error.errors.map(\.description))
        }
        var problems: [String] = []
        if let data {
            do {
                let paper = try Paper(contentsOf: data)
                problems = compiled.check(against: paper.templateData).map(\.description)
            } catch {
                problems = error.errors.map(\.description)
            }
        }
        return Report(markers: compiled.summary, dataPaths: compiled.dataPaths, dataFields: compiled.dataFields, problems: problems)
    }
}
