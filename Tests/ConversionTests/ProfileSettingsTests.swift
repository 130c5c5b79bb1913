@testable import Conversion
import Foundation
import TestSupport
import Testing

/// The settings every worker profile carries: written into new and kept profiles, and still held
/// by LibreOffice after it ran with them.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct ProfileSettingsTests {
    private func settingsFile(in profile: URL) -> URL {
        profile.appendingPathComponent("user/registrymodifications.xcu")
    }

    @Test func aNewProfileGetsAFileWithEverySetting() throws {
        let folder = TemporaryFolder()
        let profile = folder.file("profile")
        try LibreOffice.prepareProfile(profile)

        let text = try String(contentsOf: settingsFile(in: profile), encoding: .utf8)
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<oor:items "))
        #expect(text.hasSuffix("</oor:items>\n"))
        for setting in LibreOffice.profileSettings {
            #expect(text.components(separatedBy: setting.item).count == 2, "\(setting.reason): not there exactly once")
        }
        // Well-formed XML, as LibreOffice's configuration reader requires.
        let lint = try ExternalTools.run("xmllint", ["--noout", settingsFile(in: profile).path])
        #expect(lint.status == 0, "xmllint: \(lint.error)")
    }

    @Test func aKeptProfileGetsTheMissingSettingsAfterItsOwnOnce() throws {
        let folder = TemporaryFolder()
        let profile = folder.file("profile")
        let file = settingsFile(in: profile)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        // What LibreOffice writes after a session that showed the sidebar, with one of the
        // settings already in its own words.
        let earlier = """
            <?xml version="1.0" encoding="UTF-8"?>
            <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
            <item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
            <item oor:path="/org.openoffice.Office.Views/Windows"><node oor:name="swriter/10336" oor:op="replace"><prop oor:name="Visible" oor:op="fuse"><value>true</value></prop></node></item>
            \(LibreOffice.profileSettings[2].item)
            </oor:items>

            """
        try Data(earlier.utf8).write(to: file)

        try LibreOffice.prepareProfile(profile)
        let prepared = try String(contentsOf: file, encoding: .utf8)
        let lines = prepared.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("FirstRun") }, "LibreOffice's own items stay")
        let ownSidebar = try #require(lines.firstIndex { $0.contains("<value>true</value>") })
        let ourSidebar = try #require(lines.firstIndex(of: LibreOffice.profileSettings[0].item))
        #expect(ownSidebar < ourSidebar, "the setting must come after the value it overrides")
        #expect(lines.filter { $0 == LibreOffice.profileSettings[2].item }.count == 1, "a setting that is there is not added again")
        #expect(lines.last == "</oor:items>")

        try LibreOffice.prepareProfile(profile)
        #expect(try String(contentsOf: file, encoding: .utf8) == prepared, "a second start changes nothing")
    }

    @Test func libreOfficeKeepsTheSettingsAfterAConversion() async throws {
        let folder = TemporaryFolder()
        let input = try ConversionFixtures.letter(in: folder)
        let converter = PDFConverter(jobs: 1, executable: ConversionFixtures.executable, profileRoot: folder.file("profiles"), keepsProfiles: true)
        let results = await converter.convert([ConversionRequest(input: input, output: folder.file("brief.pdf"))])
        await converter.shutdown()
        #expect(results.first?.error == nil, "\(results.first?.error?.description ?? "")")

        // LibreOffice writes the file again from what it holds when it ends: the values are its own now.
        let text = try String(contentsOf: settingsFile(in: folder.file("profiles/worker-1/profile")), encoding: .utf8)
        let lines = text.split(separator: "\n")
        let sidebar = lines.filter { $0.contains("swriter/10336") }
        #expect(!sidebar.isEmpty && sidebar.allSatisfy { !$0.contains(",V,") && !$0.contains("<value>true</value>") }, "sidebar: \(sidebar)")
        let statusBar = lines.filter { $0.contains("private:resource/statusbar/statusbar") }
        #expect(statusBar.count == 1 && statusBar[0].contains(#"<prop oor:name="Visible" oor:op="fuse"><value>false</value></prop>"#), "status bar: \(statusBar)")
        #expect(lines.contains { $0.contains(#"<prop oor:name="IsSpellAuto" oor:op="fuse"><value>false</value></prop>"#) })
    }
}
