public import Foundation
public import Council
public import Templating

/// `manifest.json` of a build folder: the meeting, its agenda, its papers and every file written
/// for them as OParl 1.1 objects, with the generator's version and the checksum of every input,
/// so a run can be proven and its files handed to a council information system.
///
/// Every object carries `id` and `type` (the full OParl URL) and validates against its own type's
/// schema; `created` and `modified` come from the data (the paper's or the meeting's date), not
/// the clock, so the same input gives the same bytes. What OParl has no field for is given under
/// keys prefixed `vorlage:`.
public struct Manifest: Sendable {
    /// A file written (or kept) for the meeting.
    public struct File: Sendable, Hashable {
        public var record: BuildFolder.Record
        /// The title a reader sees, such as „Sitzungsvorlage 50/2403/XV/2013“ or an annex's name.
        public var name: String
        public var mimeType: String
        /// The date of what the file holds (the paper's, the annex's or the invitation's).
        public var date: CivilDate
        /// Files made from this one, such as its PDF/A copy (OParl `derivativeFile`).
        public var derivatives: [File]
        public init(record: BuildFolder.Record, name: String, mimeType: String, date: CivilDate, derivatives: [File] = []) {
            self.record = record
            self.name = name
            self.mimeType = mimeType
            self.date = date
            self.derivatives = derivatives
        }
    }

    /// A paper on the agenda and its files.
    public struct PaperEntry: Sendable {
        public var paper: PaperFacts
        public var item: Meeting.AgendaItem
        public var mainFile: File?
        public var auxiliaryFiles: [File]
        public init(paper: PaperFacts, item: Meeting.AgendaItem, mainFile: File?, auxiliaryFiles: [File]) {
            self.paper = paper
            self.item = item
            self.mainFile = mainFile
            self.auxiliaryFiles = auxiliaryFiles
        }

        public init(paper: Paper, item: Meeting.AgendaItem, mainFile: File?, auxiliaryFiles: [File]) {
            self.init(paper: PaperFacts(paper), item: item, mainFile: mainFile, auxiliaryFiles: auxiliaryFiles)
        }
    }

    /// The papers of a manifest, each entry made when the manifest needs it, so that a meeting of
    /// thousands of papers never holds all its entries at once.
    public struct Papers: Sendable {
        public var count: Int
        /// The entry at a position, in agenda order.
        public var entry: @Sendable (Int) -> PaperEntry
        /// The `order` of the agenda item of the entry at a position: what the manifest looks
        /// entries up by, which a caller may know without making the entry.
        public var order: @Sendable (Int) -> Int

        public init(count: Int, entry: @escaping @Sendable (Int) -> PaperEntry, order: (@Sendable (Int) -> Int)? = nil) {
            self.count = count
            self.entry = entry
            self.order = order ?? { entry($0).item.order }
        }

        public init(_ entries: [PaperEntry]) {
            self.init(count: entries.count) { entries[$0] }
        }
    }

    /// The inputs of a run, each read and hashed only when the manifest is written; an input that
    /// cannot be read then is left out.
    public struct Inputs: Sendable {
        public var count: Int
        /// The input at a position, in the order of their paths; nil when it cannot be read.
        public var input: @Sendable (Int) -> Input?

        public init(count: Int, input: @escaping @Sendable (Int) -> Input?) {
            self.count = count
            self.input = input
        }

        public init(_ inputs: [Input]) {
            self.init(count: inputs.count) { inputs[$0] }
        }
    }

    /// An input of the run and its checksum.
    public struct Input: Sendable, Hashable {
        /// The path relative to the meeting folder.
        public var path: String
        public var size: Int
        public var sha512Checksum: String
        public init(path: String, size: Int, sha512Checksum: String) {
            self.path = path
            self.size = size
            self.sha512Checksum = sha512Checksum
        }
    }

    /// Something that could not be built in the run, with its problems.
    public struct Failure: Sendable, Hashable {
        public var file: String
        public var problems: [String]
        public init(file: String, problems: [String]) {
            self.file = file
            self.problems = problems
        }
    }

    /// The meeting folder; only its profile, its meeting and its name are read, not its papers.
    public var meetingFolder: MeetingFolder
    public var papers: Papers
    public var invitation: File?
    /// The meeting's other files: the public invitation, the session packets.
    public var meetingFiles: [File] = []
    public var inputs: Inputs
    public var failures: [Failure]
    public var generator: String
    /// The issued versions of each file, by the name it was asked to have.
    public var issuedVersions: [String: [IssuedRegister.Entry]]

    public init(meetingFolder: MeetingFolder, papers: [PaperEntry], invitation: File?, inputs: [Input], failures: [Failure],
                generator: String, issuedVersions: [String: [IssuedRegister.Entry]]) {
        self.init(meetingFolder: meetingFolder, papers: Papers(papers), invitation: invitation, inputs: Inputs(inputs), failures: failures,
                  generator: generator, issuedVersions: issuedVersions)
    }

    public init(meetingFolder: MeetingFolder, papers: Papers, invitation: File?, inputs: Inputs, failures: [Failure],
                generator: String, issuedVersions: [String: [IssuedRegister.Entry]]) {
        self.meetingFolder = meetingFolder
        self.papers = papers
        self.invitation = invitation
        self.inputs = inputs
        self.failures = failures
        self.generator = generator
        self.issuedVersions = issuedVersions
        var ascending = true
        var lastOrder = Int.min
        var subordinates: [String: [String]] = [:]
        for index in 0..<papers.count {
            let order = papers.order(index)
            ascending = ascending && order > lastOrder
            lastOrder = order
        }
        for index in 0..<papers.count {
            let entry = papers.entry(index)
            if let original = entry.paper.superordinatedPaper { subordinates[original, default: []].append(entry.paper.reference) }
        }
        // A build lists its papers in agenda order and finds them by binary search; a table is
        // made only for entries in another order.
        if ascending {
            entryByOrder = nil
        } else {
            var byOrder: [Int: Int] = [:]
            for index in 0..<papers.count { byOrder[papers.order(index)] = index }
            entryByOrder = byOrder
        }
        subordinateReferences = subordinates
    }

    /// The paper entry of each agenda position when the entries are not in agenda order, and each
    /// paper's supplements, found once.
    private let entryByOrder: [Int: Int]?
    private let subordinateReferences: [String: [String]]

    /// The position of the entry whose agenda item has `order`, if there is one.
    private func entryIndex(order: Int) -> Int? {
        if let entryByOrder { return entryByOrder[order] }
        var low = 0, high = papers.count
        while low < high {
            let middle = (low + high) / 2
            let found = papers.order(middle)
            if found == order { return middle }
            if found < order { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// The manifest's file name in a build folder.
    public static let fileName = "manifest.json"

    /// The manifest as JSON bytes, made in memory at once.
    public func encoded() -> Data {
        Data(json.serialized().utf8)
    }

    /// Stages the manifest in a build folder, written in pieces so that memory does not grow
    /// with the number of papers; the same bytes as ``encoded()``.
    public func stage(in folder: BuildFolder) throws(ArchiveError) {
        try folder.stageReplacing(at: Self.fileName) { (append: (String) throws(ArchiveError) -> Void) throws(ArchiveError) in
            try json.write(flush: append)
        }
    }

    // MARK: - Building the objects

    private var base: String { meetingFolder.profile.baseURL }
    private var meeting: Meeting { meetingFolder.meeting }
    private var meetingID: String { "\(base)/meeting/\(Self.slug(meetingFolder.name))" }
    private var bodyID: String { "\(base)/body/\(Self.slug(meetingFolder.profile.body.shortName ?? meetingFolder.profile.body.name))" }

    static func type(_ name: String) -> JSONValue { .string("https://schema.oparl.org/1.1/\(name)") }

    private func organizationID(_ name: String) -> String { "\(base)/organization/\(Self.slug(name))" }
    private func paperID(_ reference: String) -> String { "\(base)/paper/\(Self.slug(reference))" }
    private func agendaItemID(_ item: Meeting.AgendaItem) -> String { "\(meetingID)/agendaItem/\(item.order + 1)" }
    private func consultationID(_ paper: PaperFacts, _ index: Int) -> String { "\(paperID(paper.reference))/consultation/\(index + 1)" }
    private func fileID(_ fileName: String) -> String { "\(base)/file/\(Self.slug(meetingFolder.name))/\(Self.pathComponent(fileName))" }
    private func accessURL(_ fileName: String) -> String { "\(base)/files/\(Self.pathComponent(meetingFolder.name))/\(Self.pathComponent(fileName))" }

    var json: JSONValue {
        var pairs: [(String, JSONValue?)] = [
            ("vorlage:generator", .string(generator)),
            ("vorlage:inputs", .stream(count: inputs.count) { [inputs] position in
                inputs.input(position).map { input in
                    .object([("path", .string(input.path)), ("size", .int(input.size)), ("sha512Checksum", .string(input.sha512Checksum))])
                }
            }),
            ("vorlage:failures", .array(failures.map { failure in
                .object([("file", .string(failure.file)), ("problems", .array(failure.problems.map(JSONValue.string)))])
            })),
            ("body", body),
        ]
        if let term = meetingFolder.profile.legislativeTerm { pairs.append(("legislativeTerm", legislativeTerm(term))) }
        pairs += [
            ("organization", .array(organizations)),
            ("meeting", meetingObject),
            ("paper", .stream(count: papers.count) { paperObject(papers.entry($0)) }),
            ("file", derivedFiles),
            ("vorlage:supersededFile", superseded),
        ]
        return .object(pairs)
    }

    private var body: JSONValue {
        let profile = meetingFolder.profile
        let created = Self.timestamp(meeting.invitationDate)
        return .object([
            ("id", .string(bodyID)), ("type", Self.type("Body")),
            ("name", .string(profile.body.name)), ("shortName", profile.body.shortName.map(JSONValue.string)),
            ("ags", profile.body.ags.map(JSONValue.string)),
            ("organization", .string("\(bodyID)/organizations")), ("person", .string("\(bodyID)/people")),
            ("meeting", .string("\(bodyID)/meetings")), ("paper", .string("\(bodyID)/papers")),
            ("legislativeTerm", .array(profile.legislativeTerm.map { [legislativeTerm($0)] } ?? [])),
            ("created", .string(created)), ("modified", .string(created)),
        ])
    }

    private func legislativeTerm(_ term: CouncilProfile.LegislativeTerm) -> JSONValue {
        let created = Self.timestamp(meeting.invitationDate)
        return .object([
            ("id", .string("\(bodyID)/legislativeTerm/\(Self.slug(term.name))")), ("type", Self.type("LegislativeTerm")),
            ("body", .string(bodyID)), ("name", .string(term.name)),
            ("startDate", term.startDate.map { .string($0.iso) }), ("endDate", term.endDate.map { .string($0.iso) }),
            ("created", .string(created)), ("modified", .string(created)),
        ])
    }

    /// Every body and office named: the meeting's body, the consultations' bodies, the offices in charge.
    private var organizations: [JSONValue] {
        var seen: [String: (name: String, shortName: String?, type: String)] = [:]
        var order: [String] = []
        func add(_ name: String, _ shortName: String?, _ type: String) {
            let id = organizationID(name)
            if seen[id] == nil { order.append(id) }
            if seen[id] == nil || seen[id]?.shortName == nil { seen[id] = (name, shortName, type) }
        }
        add(meeting.organization, nil, "Gremium")
        for index in 0..<papers.count {
            let entry = papers.entry(index)
            for consultation in entry.paper.consultations { add(consultation.organization, nil, "Gremium") }
            add(entry.paper.underDirectionOf.name, entry.paper.underDirectionOf.shortName, "Verwaltungsbereich")
            if let originator = entry.paper.originatorOrganization { add(originator.name, originator.shortName, "Sonstiges") }
        }
        let created = Self.timestamp(meeting.invitationDate)
        return order.map { id in
            let organization = seen[id]!
            return .object([
                ("id", .string(id)), ("type", Self.type("Organization")), ("body", .string(bodyID)),
                ("name", .string(organization.name)), ("shortName", organization.shortName.map(JSONValue.string)),
                ("organizationType", .string(organization.type)),
                ("created", .string(created)), ("modified", .string(created)),
            ])
        }
    }

    private var meetingObject: JSONValue {
        let created = Self.timestamp(meeting.invitationDate)
        return .object([
            ("id", .string(meetingID)), ("type", Self.type("Meeting")),
            ("name", .string(meeting.name)),
            ("meetingState", meeting.meetingState.map(JSONValue.string)),
            ("cancelled", .bool(meeting.cancelled)),
            ("start", .string(Self.timestamp(meeting.start))),
            ("end", meeting.end.map { .string(Self.timestamp($0)) }),
            ("location", meeting.location.map { description in
                .object([
                    ("id", .string("\(meetingID)/location")), ("type", Self.type("Location")), ("description", .string(description)),
                    ("created", .string(created)), ("modified", .string(created)),
                ])
            }),
            ("organization", .array([.string(organizationID(meeting.organization))])),
            ("invitation", invitation.map { fileObject($0, meeting: true, papers: []) }),
            ("auxiliaryFile", meetingFiles.isEmpty ? nil : .array(meetingFiles.map { fileObject($0, meeting: true, papers: []) })),
            ("agendaItem", .stream(count: meeting.agendaItems.count) { agendaItemObject(meeting.agendaItems[$0]) }),
            ("created", .string(created)), ("modified", .string(created)),
        ])
    }

    private func agendaItemObject(_ item: Meeting.AgendaItem) -> JSONValue {
        let entry = entryIndex(order: item.order).map(papers.entry)
        let consultation: String? = entry.flatMap { entry in
            entry.paper.consultations.firstIndex { $0.organization == meeting.organization && $0.meetingDate == meeting.date }
                .map { consultationID(entry.paper, $0) }
        }
        let created = Self.timestamp(meeting.invitationDate)
        return .object([
            ("id", .string(agendaItemID(item))), ("type", Self.type("AgendaItem")),
            ("meeting", .string(meetingID)),
            ("number", .string(item.number)), ("order", .int(item.order)),
            ("name", .string(item.name ?? entry?.paper.name ?? "")),
            ("public", .bool(item.isPublic)),
            ("consultation", consultation.map(JSONValue.string)),
            ("vorlage:late", item.late.map { .string($0.rawValue) }),
            ("created", .string(created)), ("modified", .string(created)),
        ])
    }

    private func paperObject(_ entry: PaperEntry) -> JSONValue {
        let paper = entry.paper
        let id = paperID(paper.reference)
        let created = Self.timestamp(paper.date)
        return .object([
            ("id", .string(id)), ("type", Self.type("Paper")),
            ("body", .string(bodyID)),
            ("name", .string(paper.name)), ("reference", .string(paper.reference)),
            ("date", .string(paper.date.iso)), ("paperType", .string(paper.paperType)),
            ("superordinatedPaper", paper.superordinatedPaper.map { .array([.string(paperID($0))]) }),
            ("subordinatedPaper", subordinates(of: paper)),
            ("mainFile", entry.mainFile.map { fileObject($0, meeting: false, papers: [id]) }),
            ("auxiliaryFile", .array(entry.auxiliaryFiles.map { fileObject($0, meeting: false, papers: [id]) })),
            ("underDirectionOf", .array([.string(organizationID(paper.underDirectionOf.name))])),
            ("originatorOrganization", paper.originatorOrganization.map { .array([.string(organizationID($0.name))]) }),
            ("consultation", .array(paper.consultations.enumerated().map { index, consultation in
                let here = consultation.organization == meeting.organization && consultation.meetingDate == meeting.date
                return .object([
                    ("id", .string(consultationID(paper, index))), ("type", Self.type("Consultation")),
                    ("paper", .string(id)),
                    ("agendaItem", here ? .string(agendaItemID(entry.item)) : nil),
                    ("meeting", here ? .string(meetingID) : nil),
                    ("organization", .array([.string(organizationID(consultation.organization))])),
                    ("authoritative", .bool(consultation.authoritative)),
                    ("role", consultation.role.map(JSONValue.string)),
                    ("vorlage:public", .bool(consultation.isPublic)),
                    ("vorlage:meetingDate", .string(consultation.meetingDate.iso)),
                    ("created", .string(created)), ("modified", .string(created)),
                ])
            })),
            ("created", .string(created)), ("modified", .string(created)),
        ])
    }

    private func subordinates(of paper: PaperFacts) -> JSONValue? {
        let children = (subordinateReferences[paper.reference] ?? []).map { JSONValue.string(paperID($0)) }
        return children.isEmpty ? nil : .array(children)
    }

    private func fileObject(_ file: File, meeting isInvitation: Bool, papers: [String], master: File? = nil) -> JSONValue {
        let created = Self.timestamp(file.date)
        let issued = issuedVersions[file.record.requestedName]?.first { $0.fileName == file.record.fileName }
        return .object([
            ("id", .string(fileID(file.record.fileName))), ("type", Self.type("File")),
            ("name", .string(file.name)), ("fileName", .string(file.record.fileName)),
            ("mimeType", .string(file.mimeType)), ("date", .string(file.date.iso)),
            ("size", .int(file.record.size)), ("sha512Checksum", .string(file.record.sha512Checksum)),
            ("accessUrl", .string(accessURL(file.record.fileName))),
            ("meeting", isInvitation ? .array([.string(meetingID)]) : nil),
            ("paper", papers.isEmpty ? nil : .array(papers.map(JSONValue.string))),
            ("masterFile", master.map { .string(fileID($0.record.fileName)) }),
            ("derivativeFile", file.derivatives.isEmpty ? nil : .array(file.derivatives.map { .string(fileID($0.record.fileName)) })),
            ("vorlage:issued", issued.map { .string($0.issued) }),
            ("created", .string(created)), ("modified", .string(created)),
        ])
    }

    /// Where a file of the manifest is: among the meeting's files (`paper` nil) or a paper entry's
    /// files, at `file`; and which of its derivatives or issued versions is meant.
    private struct FileReference {
        var paper: Int?
        var file: Int
        var item: Int
    }

    /// The invitation and the meeting's other files.
    private var meetingLevelFiles: [File] { (invitation.map { [$0] } ?? []) + meetingFiles }

    /// The files of one paper entry: its main file, then its annexes.
    private static func files(of entry: PaperEntry) -> [File] { (entry.mainFile.map { [$0] } ?? []) + entry.auxiliaryFiles }

    /// The file a reference points at, with the paper IDs its objects name.
    private func file(at reference: FileReference) -> (file: File, papers: [String]) {
        guard let paper = reference.paper else { return (meetingLevelFiles[reference.file], []) }
        let entry = papers.entry(paper)
        return (Self.files(of: entry)[reference.file], [paperID(entry.paper.reference)])
    }

    /// Every file made from another (the PDF/A copies), as File objects naming their master; made
    /// one at a time as the manifest is written.
    private var derivedFiles: JSONValue {
        var references: [FileReference] = []
        for (index, file) in meetingLevelFiles.enumerated() {
            references += file.derivatives.indices.map { FileReference(paper: nil, file: index, item: $0) }
        }
        for paper in 0..<papers.count {
            for (index, file) in Self.files(of: papers.entry(paper)).enumerated() {
                references += file.derivatives.indices.map { FileReference(paper: paper, file: index, item: $0) }
            }
        }
        return .stream(count: references.count) { [references] position in
            let reference = references[position]
            let (file, paperIDs) = self.file(at: reference)
            return fileObject(file.derivatives[reference.item], meeting: reference.paper == nil, papers: paperIDs, master: file)
        }
    }

    /// Issued versions that a newer version replaced: kept, as OParl never deletes an object.
    private var superseded: JSONValue {
        // Each file, then its derivatives; `item` counts both, then the file's issued versions.
        func replaced(_ file: File) -> [(file: Int, version: Int)] {
            ([file] + file.derivatives).enumerated().flatMap { index, current in
                (issuedVersions[current.record.requestedName] ?? []).enumerated()
                    .filter { $0.element.fileName != current.record.fileName }
                    .map { (index, $0.offset) }
            }
        }
        var references: [(FileReference, version: Int)] = []
        if !issuedVersions.isEmpty {
            for (index, file) in meetingLevelFiles.enumerated() {
                references += replaced(file).map { (FileReference(paper: nil, file: index, item: $0.file), $0.version) }
            }
            for paper in 0..<papers.count {
                for (index, file) in Self.files(of: papers.entry(paper)).enumerated() {
                    references += replaced(file).map { (FileReference(paper: paper, file: index, item: $0.file), $0.version) }
                }
            }
        }
        return .stream(count: references.count) { [references] position in
            let (reference, number) = references[position]
            let (master, paperIDs) = self.file(at: reference)
            let file = ([master] + master.derivatives)[reference.item]
            let version = issuedVersions[file.record.requestedName]![number]
            let created = Self.timestamp(file.date)
            return .object([
                ("id", .string(fileID(version.fileName))), ("type", Self.type("File")),
                ("name", .string(file.name)), ("fileName", .string(version.fileName)),
                ("mimeType", .string(file.mimeType)),
                ("size", .int(version.size)), ("sha512Checksum", .string(version.sha512Checksum)),
                ("accessUrl", .string(accessURL(version.fileName))),
                ("paper", paperIDs.isEmpty ? nil : .array(paperIDs.map(JSONValue.string))),
                ("meeting", paperIDs.isEmpty ? .array([.string(meetingID)]) : nil),
                ("vorlage:issued", .string(version.issued)),
                ("vorlage:supersededBy", .string(fileID(file.record.fileName))),
                ("created", .string(created)), ("modified", .string(created)),
            ])
        }
    }

    // MARK: - Formatting

    /// Midnight of a council date in Europe/Berlin, as an ISO 8601 date-time with offset.
    static func timestamp(_ date: CivilDate) -> String {
        timestamp(date.midnightInBerlin)
    }

    /// An instant in Europe/Berlin with its offset, `2013-03-06T15:00:00+01:00`.
    public static func timestamp(_ instant: Date) -> String {
        // Made once: creating a formatter per call cost more than the rest of the manifest.
        // Foundation's formatters are thread-safe for formatting once configured.
        formatter.string(from: instant)
    }

    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    nonisolated(unsafe) static let formatter: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = berlin
        formatter.formatOptions = [.withInternetDateTime, .withColonSeparatorInTimeZone]
        return formatter
    }()

    /// A name as a URL path segment: letters and digits kept, everything else a hyphen.
    static func slug(_ text: String) -> String {
        var output = ""
        for scalar in text.folding(options: [.diacriticInsensitive], locale: Locale(identifier: "de_DE")).lowercased().unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                output.unicodeScalars.append(scalar)
            } else if !output.hasSuffix("-") {
                output += "-"
            }
        }
        let trimmed = output.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return trimmed.isEmpty ? "x" : trimmed
    }

    /// A file name percent-encoded as one URL path segment.
    static func pathComponent(_ text: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
