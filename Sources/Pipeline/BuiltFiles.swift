public import Archive

/// The files a meeting build wrote or found unchanged, in order: the invitations, each rendered
/// paper's documents in agenda order, then the PDF copies and the packets.
///
/// The papers' records are read from the run's spool as the sequence is walked, so the report of
/// a large meeting does not hold them all at once.
public struct BuiltFiles: Sequence, Sendable {
    let leading: [BuildFolder.Record]
    let papers: PaperList
    let trailing: [BuildFolder.Record]

    public struct Iterator: IteratorProtocol {
        private let files: BuiltFiles
        private var leading = 0
        private var paper = 0
        private var current: [BuildFolder.Record] = []
        private var inCurrent = 0
        private var trailing = 0

        init(_ files: BuiltFiles) {
            self.files = files
        }

        public mutating func next() -> BuildFolder.Record? {
            if leading < files.leading.count {
                defer { leading += 1 }
                return files.leading[leading]
            }
            while inCurrent == current.count, paper < files.papers.count {
                let next = files.papers[paper]
                current = next.rendered ? next.documents.map(\.record) : []
                inCurrent = 0
                paper += 1
            }
            if inCurrent < current.count {
                defer { inCurrent += 1 }
                return current[inCurrent]
            }
            guard trailing < files.trailing.count else { return nil }
            defer { trailing += 1 }
            return files.trailing[trailing]
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(self)
    }

    /// The first file, if there is one.
    public var first: BuildFolder.Record? {
        var iterator = makeIterator()
        return iterator.next()
    }

    /// How many files there are, counted by walking them.
    public var count: Int {
        reduce(0) { count, _ in count + 1 }
    }
}
