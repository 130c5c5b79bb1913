import Foundation
import Spool
import Synchronization

/// The paper files of a meeting folder, in the folder's order: kept in memory, or, for a large
/// build, as records in a ``Spool`` on disk, so that a meeting of ten thousand papers holds a
/// place in a file for each paper instead of the paper.
///
/// Reading a paper file from the spool decodes its record; changing one appends a new record. A
/// copy of the collection is a snapshot: the records it points at never change.
public struct PaperFiles: RandomAccessCollection, MutableCollection, ExpressibleByArrayLiteral, Sendable {
    /// The paper files, when they are kept in memory.
    private var kept: [MeetingFolder.PaperFile] = []
    /// The spool and the folder of the files, when they are kept on disk.
    private let spool: Spool?
    private let folder: URL?
    private var places: [Spool.Place] = []

    public init(arrayLiteral files: MeetingFolder.PaperFile...) {
        kept = files
        spool = nil
        folder = nil
    }

    public init(_ files: [MeetingFolder.PaperFile]) {
        kept = files
        spool = nil
        folder = nil
    }

    private init(spool: Spool, folder: URL, places: [Spool.Place]) {
        self.spool = spool
        self.folder = folder
        self.places = places
    }

    /// Whether the files wait on disk.
    public var isSpooled: Bool { spool != nil }

    public var startIndex: Int { 0 }
    public var endIndex: Int { spool == nil ? kept.count : places.count }

    public subscript(position: Int) -> MeetingFolder.PaperFile {
        get {
            guard let spool, let folder else { return kept[position] }
            return spool.read(at: places[position]) { MeetingFolder.PaperFile(folder: folder, from: &$0) }
        }
        set {
            guard let spool else { return kept[position] = newValue }
            places[position] = Self.store(newValue, in: spool)
        }
    }

    private static func store(_ file: MeetingFolder.PaperFile, in spool: Spool) -> Spool.Place {
        spool.append { file.write(to: &$0) }
    }

    /// Gathers paper files read on several threads, each at its position, into a collection.
    final class Collector: Sendable {
        private let spool: Spool?
        private let folder: URL
        private let gathered: Mutex<(kept: [MeetingFolder.PaperFile?], places: [Spool.Place?])>

        /// A collector of `count` files of `folder`, kept in `spool` when there is one.
        init(count: Int, folder: URL, spool: Spool?) {
            self.spool = spool
            self.folder = folder
            gathered = Mutex((spool == nil ? Array(repeating: nil, count: count) : [], spool == nil ? [] : Array(repeating: nil, count: count)))
        }

        /// Puts the file read at `position` in its place; its record is written outside the lock.
        func put(_ file: MeetingFolder.PaperFile, at position: Int) {
            guard let spool else { return gathered.withLock { $0.kept[position] = file } }
            let place = PaperFiles.store(file, in: spool)
            gathered.withLock { $0.places[position] = place }
        }

        /// The collection, once every position has its file.
        func files() -> PaperFiles {
            gathered.withLock { gathered in
                defer { gathered = ([], []) }
                guard let spool else { return PaperFiles(gathered.kept.map { $0! }) }
                return PaperFiles(spool: spool, folder: folder, places: gathered.places.map { $0! })
            }
        }
    }
}

extension MeetingFolder.PaperFile {
    /// Writes the file's record; its folder is the collection's, not written.
    func write(to writer: inout SpoolWriter) {
        writer.write(fileName)
        writer.write(paper)
        writer.write(reference)
        writer.write(agendaItem)
        writer.write(problems)
        writer.write(checks != nil)
        if let checks {
            writer.write(checks.problems)
            writer.write(checks.annexUses.count)
            for use in checks.annexUses {
                writer.write(use.path)
                writer.write(use.location)
                writer.write(use.key)
            }
        }
    }

    init(folder: URL, from reader: inout SpoolReader) {
        self.init(folder: folder, fileName: reader.read(), paper: reader.read(), reference: reader.read(), agendaItem: reader.read(), problems: reader.read())
        if reader.read(Bool.self) {
            var checks = MeetingFolder.PaperChecks(problems: reader.read())
            for _ in 0..<reader.read(Int.self) {
                checks.annexUses.append((reader.read(String.self), reader.read(SourceLocation.self), reader.read(String.self)))
            }
            self.checks = checks
        }
    }
}
