import CLibZip
import Foundation

/// Writes a zip archive into memory through libzip, deterministically.
///
/// Entries are written in the order given, each with the same fixed timestamp, so the same entries
/// give the same bytes. An entry marked `stored` is written uncompressed (ODF requires this for
/// `mimetype`); the others are deflated. No extra fields and no data descriptors are written.
enum ZipWriter {
    struct Entry {
        var name: String
        var data: Data
        var stored: Bool
        var isDirectory: Bool = false
        /// The deflate level, 1 (fastest) to 9 (smallest); 0 is zlib's default (6).
        var level: UInt32 = 0
        /// An entry of another open archive whose compressed bytes are copied as they are.
        var copied: (archive: OpaquePointer, index: UInt64)? = nil
    }

    /// DOS date of 1980-01-01, the earliest a zip can hold; time 00:00:00.
    private static let fixedDate: UInt16 = (0 << 9) | (1 << 5) | 1
    private static let fixedTime: UInt16 = 0

    static func archive(_ entries: [Entry], file: String) throws(ODFError) -> Data {
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        guard let source = zip_source_buffer_create(nil, 0, 0, &error) else {
            throw LibZip.error(&error, file: file, while: "preparing the archive")
        }
        // The archive frees its source when closed; keep it to read the bytes afterwards.
        zip_source_keep(source)
        defer { zip_source_free(source) }
        guard let archive = zip_open_from_source(source, ZIP_TRUNCATE, &error) else {
            throw LibZip.error(&error, file: file, while: "preparing the archive")
        }
        do {
            for entry in entries {
                try add(entry, to: archive, file: file)
            }
        } catch {
            zip_discard(archive)
            throw error
        }
        if zip_close(archive) != 0 {
            let failure = LibZip.error(zip_get_error(archive), file: file, while: "writing the archive")
            zip_discard(archive)
            throw failure
        }
        return try readAll(source, file: file)
    }

    private static func add(_ entry: Entry, to archive: OpaquePointer, file: String) throws(ODFError) {
        let index: Int64
        if entry.isDirectory {
            index = try LibZip.check(zip_dir_add(archive, entry.name, ZIP_FL_ENC_UTF_8), archive, file: file, part: entry.name, while: "adding a folder")
        } else if let (sourceArchive, sourceIndex) = entry.copied {
            // Read compressed, so libzip copies the bytes instead of inflating and deflating again.
            guard let source = zip_source_zip(archive, sourceArchive, sourceIndex, ZIP_FL_COMPRESSED, 0, -1) else {
                throw LibZip.error(zip_get_error(archive), file: file, part: entry.name, while: "copying an entry")
            }
            let added = zip_file_add(archive, entry.name, source, ZIP_FL_ENC_UTF_8)
            if added < 0 { zip_source_free(source) }
            index = try LibZip.check(added, archive, file: file, part: entry.name, while: "copying an entry")
            let method = entry.stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE
            try LibZip.check(zip_set_file_compression(archive, zip_uint64_t(index), method, 0), archive, file: file, part: entry.name, while: "choosing the compression")
        } else {
            // libzip takes ownership of a malloc'd copy (freep = 1), so no Swift buffer must outlive this call.
            let copy = malloc(max(entry.data.count, 1))!
            entry.data.withUnsafeBytes { raw in
                if let base = raw.baseAddress { copy.copyMemory(from: base, byteCount: raw.count) }
            }
            guard let source = zip_source_buffer(archive, copy, zip_uint64_t(entry.data.count), 1) else {
                free(copy)
                throw LibZip.error(zip_get_error(archive), file: file, part: entry.name, while: "adding an entry")
            }
            let added = zip_file_add(archive, entry.name, source, ZIP_FL_ENC_UTF_8)
            if added < 0 { zip_source_free(source) }
            index = try LibZip.check(added, archive, file: file, part: entry.name, while: "adding an entry")
            let method = entry.stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE
            try LibZip.check(zip_set_file_compression(archive, zip_uint64_t(index), method, entry.level), archive, file: file, part: entry.name, while: "choosing the compression")
        }
        try LibZip.check(zip_file_set_dostime(archive, zip_uint64_t(index), fixedTime, fixedDate, 0), archive, file: file, part: entry.name, while: "setting the timestamp")
    }

    private static func readAll(_ source: OpaquePointer, file: String) throws(ODFError) -> Data {
        guard zip_source_open(source) == 0 else {
            throw LibZip.error(zip_source_error(source), file: file, while: "reading the written archive")
        }
        defer { zip_source_close(source) }
        var stat = zip_stat_t()
        zip_stat_init(&stat)
        guard zip_source_stat(source, &stat) == 0 else {
            throw LibZip.error(zip_source_error(source), file: file, while: "reading the written archive")
        }
        var data = Data(count: Int(stat.size))
        let read = data.withUnsafeMutableBytes { zip_source_read(source, $0.baseAddress, zip_uint64_t($0.count)) }
        guard read == Int64(stat.size) else {
            throw LibZip.error(zip_source_error(source), file: file, while: "reading the written archive")
        }
        return data
    }
}
