import Foundation
import Testing
import TestSupport
@testable import vorlage_fuzz

/// Every input the fuzzer (scripts/fuzz) ever flagged is replayed: opening, compiling and filling
/// it both ways must end without a trap, and the two ways must agree.
@Suite struct FuzzFindingsTests {
    static let findings: [URL] = {
        let folder = Paths.fixture("fuzz")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().map { folder.appendingPathComponent($0) }
    }()

    @Test func thereAreFindingsToReplay() {
        #expect(!Self.findings.isEmpty, "Tests/Fixtures/fuzz holds the fuzzer's findings")
    }

    @Test(arguments: findings)
    func replays(_ finding: URL) throws {
        FuzzCase.run(try Data(contentsOf: finding))
    }

    @Test("the fuzz corpus' seeds run cleanly: every template with the sample data")
    func seedsRunCleanly() throws {
        for template in ["templates/sitzungsvorlage.fodt", "templates/einladung.fodt", "templates/bench/peers.fodt"] {
            FuzzCase.run(try Data(contentsOf: Paths.packageRoot.appendingPathComponent(template)))
        }
        FuzzCase.run(try Data(contentsOf: Paths.fixture("split-markers.odt")) + FuzzCase.separator + Data(#"{"items":[{"name":"x"}],"reference":"a  b"}"#.utf8))
    }
}
