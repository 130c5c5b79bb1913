public import Foundation
public import Templating

/// A meeting of a council body (OParl `Meeting`) with its agenda, as `meeting.yaml` describes it.
public struct Meeting: Sendable, Hashable {
    /// „20. Sitzung des Kreistags“.
    public var name: String
    /// The body that meets (Gremium), matched against the papers' consultations.
    public var organization: String
    public var start: Date
    public var end: Date?
    /// Where the meeting takes place (OParl `Location.description`).
    public var location: String?
    /// terminiert / eingeladen / durchgeführt.
    public var meetingState: String?
    public var cancelled: Bool
    /// Whether the meeting is public at all; a closed meeting's documents never go into a public packet.
    public var isPublic: Bool
    /// The day the invitation goes out.
    public var invitationDate: CivilDate
    /// The agenda, in order.
    public var agendaItems: AgendaItems
    /// Where the meeting was read from, and where each key stands.
    public var source: SourceLocation
    public var locations: [String: SourceLocation]

    /// How a late agenda item reaches the members.
    public enum Late: String, Sendable, Hashable, CaseIterable {
        /// Sent after the invitation, before the Nachtrag deadline.
        case nachtrag = "Nachtrag"
        /// Handed out at the meeting.
        case tischvorlage = "Tischvorlage"
    }

    /// An item of the agenda (OParl `AgendaItem`).
    ///
    /// A meeting keeps one for each item for the whole build, so its flags come last (packed
    /// together) and its path in the data is not stored but follows from its position.
    public struct AgendaItem: Sendable, Hashable {
        /// Free text: „7“, „7.1“, „N 2“.
        public var number: String
        /// The title; nil when the item takes its paper's name.
        public var name: String?
        /// The reference of the paper the item treats.
        public var paper: String?
        /// The position in the agenda, 0-based (OParl `order`).
        public var order: Int
        /// Where the item stands in `meeting.yaml`.
        public var location: SourceLocation
        public var isPublic: Bool
        public var late: Late?

        public init(number: String, name: String?, isPublic: Bool, paper: String?, late: Late?, order: Int, location: SourceLocation) {
            self.number = number
            self.name = name
            self.isPublic = isPublic
            self.paper = paper
            self.late = late
            self.order = order
            self.location = location
        }

        /// Its path in the data, `agendaItem[4]`.
        public var keyPath: String { "agendaItem[\(order)]" }
    }

    public init(name: String, organization: String, start: Date, end: Date?, location: String?, meetingState: String?, cancelled: Bool,
                invitationDate: CivilDate, agendaItems: AgendaItems, source: SourceLocation, locations: [String: SourceLocation] = [:], isPublic: Bool = true) {
        self.name = name
        self.organization = organization
        self.start = start
        self.end = end
        self.location = location
        self.meetingState = meetingState
        self.cancelled = cancelled
        self.isPublic = isPublic
        self.invitationDate = invitationDate
        self.agendaItems = agendaItems
        self.source = source
        self.locations = locations
    }

    /// The calendar day the meeting starts on, in Europe/Berlin.
    public var date: CivilDate { CivilDate(instant: start) }

    /// Whether the material of a paper treated under `item` may be published: the meeting and
    /// the item are public, and so is the paper's consultation in this meeting. An item without
    /// a paper depends on the meeting and the item alone.
    public func isPublic(_ item: AgendaItem, paper: Paper?) -> Bool {
        guard isPublic, item.isPublic else { return false }
        guard let paper else { return true }
        return paper.consultation(of: organization, on: date)?.isPublic ?? false
    }

    /// Where a key of the meeting's data stands.
    public func location(of key: String) -> SourceLocation { locations[key] ?? source }
}

extension CivilDate {
    /// The calendar day of an instant in Europe/Berlin, the time zone of German councils.
    public init(instant: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin")!
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        self.init(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// The start of the day in Europe/Berlin: the instant a council date stands for in
    /// timestamps (the manifest's `created`, a PDF's creation date).
    public var midnightInBerlin: Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin")!
        return calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }

    /// The day `days` calendar days later (earlier when negative).
    public func adding(days: Int) -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let noon = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!
        return CivilDate(instant: calendar.date(byAdding: .day, value: days, to: noon)!, in: calendar)
    }

    private init(instant: Date, in calendar: Calendar) {
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        self.init(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// Calendar days from `self` to `other` (positive when `other` is later).
    public func days(until other: CivilDate) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let from = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!
        let to = calendar.date(from: DateComponents(year: other.year, month: other.month, day: other.day, hour: 12))!
        return calendar.dateComponents([.day], from: from, to: to).day!
    }
}
