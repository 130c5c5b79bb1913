/// The files a build folder has staged and not yet moved into place, in the order they were
/// staged: each its path inside the build folder, the number of its temporary file, and whether
/// it goes into place last.
///
/// A batch stages tens of thousands of files and keeps the list until its commit, so the paths
/// are kept as UTF-8 one after the other in one buffer, with twelve bytes per file beside them,
/// instead of a `String` each (a name such as `vorlage_00001.odt` is too long to be stored
/// inline and would take a heap block of its own).
struct StagedFiles {
    /// One staged file.
    struct File {
        /// The path inside the build folder, `p00001.odt` or `.vorlage/issued.json`.
        var name: String
        /// The number that makes its temporary file's name unique.
        var number: Int
        /// Whether it describes the others (the manifest, the register) and goes into place last.
        var last: Bool
    }

    private struct Entry {
        /// Where the path ends in `names`; it starts where the previous one ends.
        var end: UInt32
        var number: UInt32
        var last: Bool
    }

    private var names: [UInt8] = []
    private var entries: [Entry] = []

    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }

    mutating func append(_ name: String, number: Int, last: Bool) {
        names.append(contentsOf: name.utf8)
        precondition(names.count <= Int(UInt32.max) && number <= Int(UInt32.max), "Zu viele vorgemerkte Dateien.")
        entries.append(Entry(end: UInt32(names.count), number: UInt32(number), last: last))
    }

    /// The file at `position`.
    subscript(position: Int) -> File {
        let entry = entries[position]
        return File(name: String(decoding: names[nameRange(position)], as: UTF8.self), number: Int(entry.number), last: entry.last)
    }

    /// Where the path of the file at `position` is in `names`.
    private func nameRange(_ position: Int) -> Range<Int> {
        (position == 0 ? 0 : Int(entries[position - 1].end))..<Int(entries[position].end)
    }

    /// The number of the temporary file of the last file staged as `name`.
    func number(of name: String) -> Int? {
        let wanted = Array(name.utf8)
        for position in entries.indices.reversed() where names[nameRange(position)].elementsEqual(wanted) {
            return Int(entries[position].number)
        }
        return nil
    }

    /// Every file, in the order staged.
    var files: some Sequence<File> {
        entries.indices.lazy.map { self[$0] }
    }
}
