public import Foundation

/// The example's council profile (`examples/council.yaml`), for tests that copy example papers
/// elsewhere: the copy still declares the example's paper types and extra fields.
public enum ExampleProfile {
    public static let source = Paths.packageRoot.appendingPathComponent("examples/council.yaml")

    /// Writes the example profile into `folder` as council.yaml, with its template paths made
    /// absolute so that they still point at the project's templates.
    @discardableResult
    public static func install(in folder: URL) throws -> URL {
        let templates = Paths.packageRoot.appendingPathComponent("templates").path
        let text = try String(contentsOf: source, encoding: .utf8).replacingOccurrences(of: "../templates", with: templates)
        let target = folder.appendingPathComponent("council.yaml")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try text.write(to: target, atomically: true, encoding: .utf8)
        return target
    }
}
