public import Foundation

/// A copy of the example meeting (examples/kreistag-2013-03-06) in a temporary folder, with a
/// council profile beside it, so a test can edit, build and release it without touching the repo.
///
/// Layout, under a fresh ``TemporaryFolder``:
/// ```
/// council.yaml              examples/council.yaml, template paths made absolute (repo's templates/)
/// kreistag-2013-03-06/      the meeting folder: meeting.yaml, papers/, annexes/
/// build/kreistag-2013-03-06 the build folder tests pass as output (not created here)
/// ```
/// Edits are plain string replacements that fail loudly when the text is not there, so a test
/// never passes because its edit silently did nothing.
public final class MeetingFixture: @unchecked Sendable {
    /// The example meeting folder in the repository (read only).
    public static let exampleMeeting = Paths.packageRoot.appendingPathComponent("examples/kreistag-2013-03-06")
    /// The example council profile in the repository (read only).
    public static let exampleProfile = Paths.packageRoot.appendingPathComponent("examples/council.yaml")
    /// The repository's templates.
    public static let templates = Paths.packageRoot.appendingPathComponent("templates")

    /// The paper files of the example and their references, in agenda order.
    public static let agendaPapers: [(stem: String, reference: String)] = [
        ("berufskollegs-schuelerzahlen", "40/2391/XV/2013"),
        ("radwege-kreisstrassen", "CDU/2406/XV/2013"),
        ("integrationszentrum", "50/2403/XV/2013"),
        ("integrationszentrum-ergaenzung", "50/2403/XV/2013-1"),
        ("grundstueck-kreisstrasse-juechen", "61/2410/XV/2013"),
    ]

    public let temporary: TemporaryFolder
    /// The meeting folder of the copy.
    public let meeting: URL
    /// The council profile beside the meeting folder.
    public let profile: URL
    /// The build folder tests use as output: `build/<meeting folder name>` beside the meeting.
    public let output: URL

    public init(_ label: String = "vorlage-meeting") throws {
        temporary = TemporaryFolder(label)
        meeting = try temporary.copy(Self.exampleMeeting)
        output = temporary.file("build").appendingPathComponent(Self.exampleMeeting.lastPathComponent)
        guard try String(contentsOf: Self.exampleProfile, encoding: .utf8).contains("../templates/") else {
            throw FixtureError("examples/council.yaml no longer names ../templates/")
        }
        profile = try ExampleProfile.install(in: temporary.url)
    }

    /// A file of the meeting folder, such as `papers/integrationszentrum.yaml`.
    public func file(_ relativePath: String) -> URL { meeting.appendingPathComponent(relativePath) }

    /// A paper file of the meeting folder by its stem, such as `integrationszentrum`.
    public func paper(_ stem: String) -> URL { file("papers/\(stem).yaml") }

    /// The meeting's `meeting.yaml`.
    public var meetingFile: URL { file("meeting.yaml") }

    public func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    public func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// Replaces `old` by `new` in a file; throws when `old` is not in it.
    public func edit(_ url: URL, replacing old: String, with new: String) throws {
        let text = try read(url)
        guard text.contains(old) else { throw FixtureError("\(url.lastPathComponent) does not contain „\(old)“") }
        try write(text.replacingOccurrences(of: old, with: new), to: url)
    }

    /// Replaces `old` by `new` in `meeting.yaml`.
    public func editMeeting(replacing old: String, with new: String) throws {
        try edit(meetingFile, replacing: old, with: new)
    }

    /// Replaces `old` by `new` in the paper file `papers/<stem>.yaml`.
    public func editPaper(_ stem: String, replacing old: String, with new: String) throws {
        try edit(paper(stem), replacing: old, with: new)
    }

    /// Replaces `old` by `new` in the council profile.
    public func editProfile(replacing old: String, with new: String) throws {
        try edit(profile, replacing: old, with: new)
    }

    /// Writes a paper file `papers/<name>` (give the extension: .yaml, .json) and returns it.
    @discardableResult
    public func addPaper(_ name: String, _ text: String) throws -> URL {
        let url = file("papers/\(name)")
        try write(text, to: url)
        return url
    }

    /// Copies the paper `papers/<stem>.yaml` to `papers/<newStem>.yaml` with each replacement
    /// applied (each must be found).
    @discardableResult
    public func copyPaper(_ stem: String, as newStem: String, replacing replacements: [(String, String)] = []) throws -> URL {
        var text = try read(paper(stem))
        for (old, new) in replacements {
            guard text.contains(old) else { throw FixtureError("\(stem).yaml does not contain „\(old)“") }
            text = text.replacingOccurrences(of: old, with: new)
        }
        return try addPaper("\(newStem).yaml", text)
    }

    /// Removes a file of the meeting folder.
    public func remove(_ url: URL) throws { try FileManager.default.removeItem(at: url) }

    /// Breaks every cross-check of the meeting at once. Meeting level: the invitation too late,
    /// an agenda paper without a file, a duplicate reference, a paper on no agenda item, an
    /// annex used twice. Paper level: numbering (grundstueck-kreisstrasse-juechen), a non-public
    /// paper on a public item (the same), no consultation on the meeting's day
    /// (integrationszentrum), a Nachtrag dated too late (integrationszentrum-ergaenzung).
    public func breakEveryCrossCheck() throws {
        try editMeeting(replacing: "invitationDate: 2013-02-22", with: "invitationDate: 2013-03-01")
        try remove(paper("radwege-kreisstrassen"))
        try copyPaper("berufskollegs-schuelerzahlen", as: "berufskollegs-kopie")
        try copyPaper("berufskollegs-schuelerzahlen", as: "berufskollegs-nicht-auf-der-tagesordnung",
                      replacing: [("reference: 40/2391/XV/2013", "reference: 40/2399/XV/2013")])
        try write(try read(paper("integrationszentrum-ergaenzung")) + """
        auxiliaryFile:
          - name: Übersicht Schülerzahlen
            fileName: ../annexes/schuelerzahlen-berufskollegs-2012-13.pdf

        """, to: paper("integrationszentrum-ergaenzung"))
        try editPaper("grundstueck-kreisstrasse-juechen", replacing: "reference: 61/2410/XV/2013", with: "reference: 62/2410/XV/2013")
        try editMeeting(replacing: "paper: 61/2410/XV/2013", with: "paper: 62/2410/XV/2013")
        try editMeeting(replacing: "    public: false", with: "    public: true")
        try editPaper("integrationszentrum", replacing: "    meetingDate: 2013-03-06", with: "    meetingDate: 2013-03-07")
        try editPaper("integrationszentrum-ergaenzung", replacing: "date: 2013-03-01", with: "date: 2013-03-04")
    }

    /// Appends an agenda item at the end of the agenda in `meeting.yaml`.
    public func appendAgendaItem(number: String, paper: String? = nil, name: String? = nil, isPublic: Bool = true, late: String? = nil) throws {
        var lines = "  - number: \"\(number)\"\n"
        if let name { lines += "    name: \(name)\n" }
        if let paper { lines += "    paper: \(paper)\n" }
        lines += "    public: \(isPublic)\n"
        if let late { lines += "    late: \(late)\n" }
        var text = try read(meetingFile)
        if !text.hasSuffix("\n") { text += "\n" }
        try write(text + lines, to: meetingFile)
    }

    /// Adds `count` papers copied from `seed` (default: the seed paper 50/2403/XV/2013, without
    /// its annex unless `withAnnexes`), referenced `50/<5000 + i>/XV/2013`, each on a public
    /// agenda item of its own after the example's. Returns the new papers' stems and references.
    @discardableResult
    public func generatePapers(_ count: Int, seed: String = "integrationszentrum", withAnnexes: Bool = false) throws -> [(stem: String, reference: String)] {
        var text = try read(paper(seed))
        guard let reference = text.components(separatedBy: "\n").first(where: { $0.hasPrefix("reference: ") }) else {
            throw FixtureError("\(seed).yaml has no reference line")
        }
        if !withAnnexes { text = text.components(separatedBy: "\nauxiliaryFile:")[0] + "\n" }
        var agenda = ""
        var made: [(String, String)] = []
        for index in 0..<count {
            let newReference = "50/\(5000 + index)/XV/2013"
            let stem = String(format: "generiert-%04d", index)
            try write(text.replacingOccurrences(of: reference, with: "reference: \(newReference)"), to: paper(stem))
            agenda += "  - number: \"G \(index + 1)\"\n    paper: \(newReference)\n    public: true\n"
            made.append((stem, newReference))
        }
        var meetingText = try read(meetingFile)
        if !meetingText.hasSuffix("\n") { meetingText += "\n" }
        try write(meetingText + agenda, to: meetingFile)
        return made
    }

    /// The 1-based line of the first line of `url` that contains `needle`.
    public func line(of needle: String, in url: URL) throws -> Int {
        let lines = try read(url).components(separatedBy: "\n")
        guard let index = lines.firstIndex(where: { $0.contains(needle) }) else {
            throw FixtureError("\(url.lastPathComponent) has no line with „\(needle)“")
        }
        return index + 1
    }

    /// The 1-based column where `needle` starts on the first line of `url` that contains it.
    public func column(of needle: String, in url: URL) throws -> Int {
        let lines = try read(url).components(separatedBy: "\n")
        guard let line = lines.first(where: { $0.contains(needle) }), let range = line.range(of: needle) else {
            throw FixtureError("\(url.lastPathComponent) has no line with „\(needle)“")
        }
        return line.distance(from: line.startIndex, to: range.lowerBound) + 1
    }

    /// Every regular file under `folder` by its path relative to it (hidden ones included), with
    /// its bytes.
    public static func files(in folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let base = folder.standardizedFileURL.resolvingSymlinksInPath().path
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
        for case let url as URL in enumerator {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            let path = url.standardizedFileURL.resolvingSymlinksInPath().path
            let relative = path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
            result[relative] = try Data(contentsOf: url)
        }
        return result
    }

    /// The names of every file under `folder` (recursively, hidden ones included).
    public static func fileNames(in folder: URL) throws -> [String] {
        try files(in: folder).keys.sorted()
    }

    public struct FixtureError: Error, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }
}
