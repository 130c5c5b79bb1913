import Foundation

extension LibreOffice {
    /// One configuration value a worker's LibreOffice profile must carry, as an item of
    /// LibreOffice's own `user/registrymodifications.xcu`.
    struct ProfileSetting {
        /// Why the setting is there.
        var reason: String
        /// The `<item>` element, exactly as it is written into the file.
        var item: String
    }

    /// The settings that keep LibreOfficeKit from building window furniture no PDF shows.
    ///
    /// LibreOfficeKit opens each document in a window of its own (headless, but with everything
    /// a desktop window has). For Writer that means the sidebar, whose deck and panels are built
    /// from their .ui files anew for every document, the status bar, whose controllers bind to
    /// the new document, and automatic spell checking. Measured on LibreOffice 7.4 with the
    /// example's submission (docs/performance.md): 95–113 ms per document with them, 72–76 ms
    /// without. None of them changes the PDF: the page layout does not depend on the window.
    static let profileSettings: [ProfileSetting] = [
        ProfileSetting(
            reason: "Writer's sidebar (child window 10336) stays closed",
            item: #"<item oor:path="/org.openoffice.Office.Views/Windows"><node oor:name="swriter/10336" oor:op="replace"><prop oor:name="Visible" oor:op="fuse"><value>false</value></prop><node oor:name="UserData"><prop oor:name="Data" oor:op="fuse" oor:type="xs:string"><value>V2,H,0</value></prop></node><prop oor:name="WindowState" oor:op="fuse"><value></value></prop></node></item>"#),
        ProfileSetting(
            reason: "Writer's status bar is not shown",
            item: #"<item oor:path="/org.openoffice.Office.UI.WriterWindowState/UIElements/States"><node oor:name="private:resource/statusbar/statusbar" oor:op="replace"><prop oor:name="Visible" oor:op="fuse"><value>false</value></prop></node></item>"#),
        ProfileSetting(
            reason: "no automatic spell checking",
            item: #"<item oor:path="/org.openoffice.Office.Linguistic/SpellChecking"><prop oor:name="IsSpellAuto" oor:op="fuse"><value>false</value></prop></item>"#),
    ]

    /// Writes ``profileSettings`` into the profile at `profile` before LibreOffice starts with it.
    ///
    /// A new profile gets a `registrymodifications.xcu` holding only these settings, and
    /// LibreOffice fills in the rest. A profile kept from an earlier build keeps what LibreOffice
    /// wrote; a setting whose item is not in the file is added at its end, where it overrides an
    /// earlier value of the same key (LibreOffice reads the items in order and writes the file
    /// again from what it read, so the file does not grow from one start to the next).
    static func prepareProfile(_ profile: URL) throws(ConversionError) {
        let user = profile.appendingPathComponent("user", isDirectory: true)
        let file = user.appendingPathComponent("registrymodifications.xcu")
        let closing = "</oor:items>"
        var text: String
        if let existing = try? String(contentsOf: file, encoding: .utf8), existing.contains(closing) {
            text = existing
        } else {
            text = """
                <?xml version="1.0" encoding="UTF-8"?>
                <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                \(closing)

                """
        }
        let missing = profileSettings.map(\.item).filter { !text.contains($0) }
        guard !missing.isEmpty, let end = text.range(of: closing, options: .backwards) else { return }
        text.replaceSubrange(end.lowerBound..<end.lowerBound, with: missing.joined(separator: "\n") + "\n")
        do {
            try FileManager.default.createDirectory(at: user, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file, options: .atomic)
        } catch {
            throw ConversionError(.libreOfficeUnavailable, file: file.path, "Die Einstellungen des LibreOffice-Profils können nicht geschrieben werden.",
                                  hint: "Prüfen Sie, ob der Profilordner beschreibbar ist.")
        }
    }
}
