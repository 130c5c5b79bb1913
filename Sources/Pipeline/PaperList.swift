import Archive
import Spool

/// The papers of a run in agenda order, kept in a ``Spool`` on disk: in memory, each paper is
/// only the place of its record and the position of its agenda item, so a meeting of ten
/// thousand papers holds a few hundred kilobytes of them instead of many megabytes.
///
/// Reading a paper reads and decodes its record; changing one appends a new record. A copy of
/// the list is a snapshot: the records it points at never change.
struct PaperList: RandomAccessCollection, Sendable {
    let spool: Spool
    private var places: [Spool.Place] = []
    /// The position of each paper's agenda item, kept apart: the manifest looks papers up by it.
    private(set) var itemIndices: [Int32] = []

    init(spool: Spool) {
        self.spool = spool
    }

    var startIndex: Int { 0 }
    var endIndex: Int { places.count }

    subscript(position: Int) -> BuildRun.Paper {
        get {
            spool.read(at: places[position])
        }
        set {
            precondition(newValue.itemIndex == Int(itemIndices[position]), "A paper stays on its agenda item.")
            places[position] = spool.append(newValue)
        }
    }

    mutating func reserveCapacity(_ count: Int) {
        places.reserveCapacity(count)
        itemIndices.reserveCapacity(count)
    }

    mutating func append(_ paper: BuildRun.Paper) {
        places.append(spool.append(paper))
        itemIndices.append(Int32(paper.itemIndex))
    }

    /// Where the record of the paper at `position` is, for reading it with ``spool`` outside a
    /// lock that guards the list.
    func place(at position: Int) -> Spool.Place {
        places[position]
    }

    /// Puts a record written with ``spool`` from another thread in a paper's place.
    mutating func replace(_ place: Spool.Place, at position: Int) {
        places[position] = place
    }
}

extension BuildRun.Paper: SpoolRecord {
    func write(to writer: inout SpoolWriter) {
        writer.write(itemIndex)
        writer.write(fileName)
        writer.write(facts)
        writer.write(annexes)
        writer.write(isPublic)
        writer.write(isSound)
        writer.write(errors)
        writer.write(documents)
        writer.write(rendered)
    }

    init(from reader: inout SpoolReader) {
        self.init(itemIndex: reader.read(), fileName: reader.read(), facts: reader.read(), annexes: reader.read(), isPublic: reader.read(),
                  isSound: reader.read(), errors: reader.read(), documents: reader.read(), rendered: reader.read())
    }
}
