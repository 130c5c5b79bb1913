public import Foundation

/// Where the project, its fixtures and the shared material (../shared) are on disk.
public enum Paths {
    /// The package root (the folder with Package.swift).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// `../shared` beside the checkout: corpus, schemas, odfcheck, seeds. Absent outside CI.
    public static let shared: URL = {
        if let override = ProcessInfo.processInfo.environment["VORLAGE_SHARED"] {
            return URL(fileURLWithPath: override)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    /// True when ../shared is there; tests that need it are disabled with a clear message otherwise.
    public static let sharedIsAvailable = FileManager.default.fileExists(atPath: shared.appendingPathComponent("corpus/results/results.tsv").path)

    /// A file under Tests/Fixtures.
    public static func fixture(_ name: String) -> URL {
        packageRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(name)
    }
}
