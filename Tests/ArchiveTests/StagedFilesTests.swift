@testable import Archive
import Testing

/// The list of staged files a build folder keeps until its commit: paths come back as staged,
/// in order, and a path staged twice is found with its last number.
@Suite struct StagedFilesTests {
    @Test func pathsComeBackInTheOrderStagedWithTheirNumbers() {
        var staged = StagedFiles()
        #expect(staged.isEmpty)
        let names = ["p00001.odt", "vorlage_00001.odt", ".vorlage/issued.json", "sitzungsvorlage-ä-ü-ß.odt", "pdf/einladung.pdf", "a"]
        for (number, name) in names.enumerated() {
            staged.append(name, number: number + 1, last: name.hasPrefix(".vorlage"))
        }
        #expect(staged.count == names.count)
        #expect(staged.files.map(\.name) == names)
        #expect(staged.files.map(\.number) == Array(1...names.count))
        #expect(staged.files.map(\.last) == names.map { $0.hasPrefix(".vorlage") })
        #expect(staged[3].name == "sitzungsvorlage-ä-ü-ß.odt")
    }

    @Test func aPathStagedTwiceIsFoundWithItsLastNumberAndAPrefixIsNoMatch() {
        var staged = StagedFiles()
        staged.append("einladung.odt", number: 7, last: false)
        staged.append("einladung.odt.bak", number: 8, last: false)
        staged.append("einladung.odt", number: 9, last: false)
        #expect(staged.number(of: "einladung.odt") == 9)
        #expect(staged.number(of: "einladung.odt.bak") == 8)
        #expect(staged.number(of: "einladung") == nil)
        #expect(staged.number(of: "") == nil)
    }
}
