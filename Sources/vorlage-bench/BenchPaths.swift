import Foundation

/// Where the repository's inputs are, found from this source file's path.
enum BenchPaths {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let templates = root.appendingPathComponent("templates")
    static let exampleProfile = root.appendingPathComponent("examples/council.yaml")
    static let exampleMeeting = root.appendingPathComponent("examples/kreistag-2013-03-06")
    static let seedPaper = exampleMeeting.appendingPathComponent("papers/integrationszentrum.yaml")
    static let seedAnnex = exampleMeeting.appendingPathComponent("annexes/integrationskonzept-rkn-2013-02-19.fodt")
}
