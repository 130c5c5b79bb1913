public import Foundation

/// The real-world documents in ../shared/corpus and what odfcheck said of each.
public enum Corpus {
    /// One row of results/results.tsv.
    public struct Result: Sendable, CustomStringConvertible {
        public var folder: String
        public var file: String
        public var passed: Bool
        public var url: URL { Paths.shared.appendingPathComponent("corpus/\(folder)/\(file)") }
        public var description: String { file }
    }

    /// Every row of the corpus results; empty when ../shared is absent.
    public static let results: [Result] = {
        let table = Paths.shared.appendingPathComponent("corpus/results/results.tsv")
        guard let text = try? String(contentsOf: table, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count > 2 else { return nil }
            return Result(folder: columns[0], file: columns[1], passed: columns[2] == "PASS")
        }
    }()

    /// The documents in corpus/odt that pass odfcheck.
    public static var passingDocuments: [Result] { results.filter { $0.folder == "odt" && $0.passed } }

    /// The deliberately broken packages in corpus/odt-invalid.
    public static var invalidPackages: [Result] { results.filter { $0.folder == "odt-invalid" } }
}
