public import Spool

/// The items of a meeting's agenda, in agenda order: kept in memory, or, for a large build, as
/// records in a ``Spool`` on disk, so that an agenda of ten thousand items holds a place in a
/// file for each item while the build runs, not the item.
///
/// A copy is a snapshot: items are only appended, and the records never change.
public struct AgendaItems: RandomAccessCollection, ExpressibleByArrayLiteral, Hashable, Sendable {
    /// The items, when they are kept in memory.
    private var kept: [Meeting.AgendaItem] = []
    /// The spool, when they are kept on disk.
    private let spool: Spool?
    private var places: [Spool.Place] = []

    public init(arrayLiteral items: Meeting.AgendaItem...) {
        kept = items
        spool = nil
    }

    public init(_ items: [Meeting.AgendaItem]) {
        kept = items
        spool = nil
    }

    /// An empty agenda whose items will wait in `spool`, or in memory when there is none.
    public init(spool: Spool?) {
        self.spool = spool
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { spool == nil ? kept.count : places.count }

    public subscript(position: Int) -> Meeting.AgendaItem {
        guard let spool else { return kept[position] }
        return spool.read(at: places[position])
    }

    public mutating func append(_ item: Meeting.AgendaItem) {
        guard let spool else { return kept.append(item) }
        places.append(spool.append(item))
    }

    /// Two agendas are equal when their items are, wherever they are kept.
    public static func == (left: AgendaItems, right: AgendaItems) -> Bool {
        left.elementsEqual(right)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for item in self { hasher.combine(item) }
    }
}
