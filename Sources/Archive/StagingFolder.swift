import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The folder where one run writes its files before they are renamed into place:
/// `.vorlage/staging/<process>-<n>` in the build folder.
///
/// Each run gets a folder of its own, and their parent is marked as the top of a folder hierarchy
/// (`FS_TOPDIR_FL`, what `chattr +T` sets). ext4 then places the run's folder, and with it the
/// inodes of the files made in it, in a little-used block group rather than in the build folder's.
/// On ext4 without a journal, making a file looks at every inode of its folder's block group that
/// was freed in the last minutes, and passes over each (`recently_deleted()` in the kernel's
/// fs/ext4/ialloc.c): a run that followed the deletion of earlier outputs paid for every deleted
/// file on every new one. `vorlage-bench peers` on /tmp, 10,000 documents rendered again and again
/// into one folder, its previous output deleted before each run: 6.1–9.3 s a run with the files
/// staged beside their targets, 2.8–3.3 s in a staging folder of the run's own (two rounds of
/// three runs each, alternating; docs/performance.md).
/// Where the file system does not know the flag, it is not set and nothing else changes.
struct StagingFolder: Sendable {
    /// The folder that holds every run's staging folder, `.vorlage/staging`.
    let parent: String
    /// This run's folder, `.vorlage/staging/4711-1`: the process and the how-manieth build folder
    /// it opened, so two build folders open in one process never share one.
    let path: String

    /// How many staging folders this process has named.
    private static let named = Atomic<Int>(0)

    init(parent: String) {
        self.parent = parent
        self.path = "\(parent)/\(getpid())-\(Self.named.add(1, ordering: .relaxed).newValue)"
    }

    /// Makes the run's folder, and its parent with the flag when it is missing; false when either
    /// cannot be made.
    func make() -> Bool {
        guard (try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)) != nil else { return false }
        Self.markAsTopOfHierarchy(parent)
        return mkdir(path, 0o755) == 0 || errno == EEXIST
    }

    /// Removes the run's folder once its files have been renamed into place.
    func remove() {
        rmdir(path)
    }

    /// Removes the staging folders, with their temporary files, of runs that were killed.
    /// The caller holds the build folder's lock, so no other run is staging.
    func removeLeftovers() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for name in names {
            try? FileManager.default.removeItem(atPath: "\(parent)/\(name)")
        }
    }

    /// The name of the temporary file with `number` (counted from 1 in each staging folder):
    /// `12.vorlage-tmp`, and for the first ``longNames`` files the same padded with hyphens to
    /// ``longNameLength`` bytes, `1----…----.vorlage-tmp`.
    ///
    /// The long names fill the folder's first block, and ext4 then turns the folder into an
    /// indexed one. That keeps the rendering threads from waiting for the disk: on ext4 without a
    /// journal, each file's `fdatasync` also writes its new folder entry, so the folder's block is
    /// being written nearly all the time while the background syncs run. Looking up a name in a
    /// folder of one block waits until that write is done (`__ext4_find_entry`); an indexed
    /// folder's lookup does not. Every new file is looked up first (`O_CREAT | O_EXCL`), and
    /// meanwhile the other rendering thread waits for the folder's lock in the kernel: in the
    /// peers' 200 documents the two threads were off the processor for 25–30 ms of a 95 ms run
    /// this way, and about 7 ms with the long names (`perf record -e sched:sched_switch -g`).
    /// Medians of 15 alternating runs: 96.0 ms with short names, 83.0 ms with these
    /// (docs/performance.md). 128 bytes stay within what every Linux file system takes in a name
    /// (eCryptfs: 143); at 136 bytes an entry, 29 of them fill a block of 4 KiB.
    static func fileName(number: Int, suffix: String) -> String {
        let digits = String(number)
        let padding = longNameLength - digits.utf8.count - suffix.utf8.count
        guard number <= longNames, padding > 0 else { return digits + suffix }
        return digits + String(repeating: "-", count: padding) + suffix
    }

    /// How many of a staging folder's files get a long name: enough to fill a 4 KiB block.
    static let longNames = 32
    /// The length in bytes of those names.
    static let longNameLength = 128

    /// `FS_TOPDIR_FL` of <linux/fs.h>.
    static let topOfHierarchy: Int32 = 0x0002_0000

    /// Sets ``topOfHierarchy`` on a folder where the file system knows the flag; a hint only, so a
    /// failure is not an error.
    private static func markAsTopOfHierarchy(_ folder: String) {
        guard let flags = flags(of: folder), flags & topOfHierarchy == 0 else { return }
        _ = setFlags(flags | topOfHierarchy, of: folder)
    }

    /// A folder's inode flags (`lsattr`), or nil where the file system does not report them.
    static func flags(of folder: String) -> Int32? {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        // FS_IOC_GETFLAGS of <linux/fs.h>; the kernel writes an int.
        var flags: Int32 = 0
        return ioctl(descriptor, UInt(0x8008_6601), &flags) == 0 ? flags : nil
    }

    /// Sets a folder's inode flags (`chattr`); false where the file system refuses them.
    static func setFlags(_ flags: Int32, of folder: String) -> Bool {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        // FS_IOC_SETFLAGS of <linux/fs.h>; the kernel reads an int.
        var flags = flags
        return ioctl(descriptor, UInt(0x4008_6602), &flags) == 0
    }
}
