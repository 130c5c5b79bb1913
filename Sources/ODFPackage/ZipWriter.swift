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
        /// An entry of another open archive whose compressed bytes are copied as they are.
        var copied: (archive: OpaquePointer, index: UInt64)? = nil
        /// `data` is deflated already (raw deflate); this is the CRC-32 and size of what it holds.
        var deflated: (crc: UInt32, size: Int)? = nil
    }

    /// 1980-01-01 00:00:00 local time, the earliest DOS date a zip can hold, which every entry
    /// carries.
    ///
    /// libzip keeps an entry's time as a `time_t` and writes it back as a DOS date through
    /// `localtime_r`. `zip_file_set_dostime` turns the DOS date into that `time_t` with `mktime`,
    /// which makes glibc check `/etc/localtime` with a `stat` on every call: five system calls per
    /// document. The same conversion is done here once (as libzip's `_zip_d2u_time` does it, DST
    /// left to `mktime`), and each entry gets the result through `zip_file_set_mtime`, so the
    /// bytes written are the same.
    private static let fixedTime: time_t = {
        var fields = tm()
        fields.tm_isdst = -1
        fields.tm_year = 1980 - 1900
        fields.tm_mon = 0
        fields.tm_mday = 1
        return mktime(&fields)
    }()

    static func archive(_ entries: [Entry], file: String) throws(ODFError) -> Data {
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        guard let source = zip_source_buffer_create(nil, 0, 0, &error) else {
            throw LibZip.error(&error, file: file, while: "beim Vorbereiten des Archivs")
        }
        // The archive frees its source when closed; keep it to read the bytes afterwards.
        zip_source_keep(source)
        defer { zip_source_free(source) }
        guard let archive = LibZip.open(source, flags: ZIP_TRUNCATE, error: &error) else {
            throw LibZip.error(&error, file: file, while: "beim Vorbereiten des Archivs")
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
            let failure = LibZip.error(zip_get_error(archive), file: file, while: "beim Schreiben des Archivs")
            zip_discard(archive)
            throw failure
        }
        return try readAll(source, file: file)
    }

    private static func add(_ entry: Entry, to archive: OpaquePointer, file: String) throws(ODFError) {
        let index: Int64
        if entry.isDirectory {
            index = try LibZip.check(zip_dir_add(archive, entry.name, ZIP_FL_ENC_UTF_8), archive, file: file, part: entry.name, while: "beim Hinzufügen eines Ordners")
        } else {
            let source = try makeSource(entry, in: archive, file: file)
            let added = zip_file_add(archive, entry.name, source, ZIP_FL_ENC_UTF_8)
            if added < 0 { zip_source_free(source) }
            index = try LibZip.check(added, archive, file: file, part: entry.name, while: "beim Hinzufügen eines Eintrags")
            // A source that is compressed already (copied, or deflated by the caller) has the
            // method it names, so libzip writes its bytes as they are.
            let method = entry.stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE
            try LibZip.check(zip_set_file_compression(archive, zip_uint64_t(index), method, 0), archive, file: file, part: entry.name, while: "beim Wählen der Kompression")
        }
        try LibZip.check(zip_file_set_mtime(archive, zip_uint64_t(index), fixedTime, 0), archive, file: file, part: entry.name, while: "beim Setzen des Zeitstempels")
    }

    /// The libzip source of an entry's bytes: deflated by the caller, copied compressed from
    /// another archive, or a copy of `data` for libzip to compress.
    private static func makeSource(_ entry: Entry, in archive: OpaquePointer, file: String) throws(ODFError) -> OpaquePointer {
        if let deflated = entry.deflated {
            let state = Unmanaged.passRetained(DeflatedSource(bytes: entry.data, crc: deflated.crc, size: deflated.size))
            guard let source = zip_source_function(archive, DeflatedSource.callback, state.toOpaque()) else {
                state.release()
                throw LibZip.error(zip_get_error(archive), file: file, part: entry.name, while: "beim Hinzufügen eines Eintrags")
            }
            // From here the source owns the state: ZIP_SOURCE_FREE releases it.
            return source
        }
        if let (sourceArchive, sourceIndex) = entry.copied {
            // Read compressed, so libzip copies the bytes instead of inflating and deflating again.
            guard let source = zip_source_zip(archive, sourceArchive, sourceIndex, ZIP_FL_COMPRESSED, 0, -1) else {
                throw LibZip.error(zip_get_error(archive), file: file, part: entry.name, while: "beim Kopieren eines Eintrags")
            }
            return source
        }
        // libzip takes ownership of a malloc'd copy (freep = 1), so no Swift buffer must outlive this call.
        let copy = malloc(max(entry.data.count, 1))!
        entry.data.withUnsafeBytes { raw in
            if let base = raw.baseAddress { copy.copyMemory(from: base, byteCount: raw.count) }
        }
        guard let source = zip_source_buffer(archive, copy, zip_uint64_t(entry.data.count), 1) else {
            free(copy)
            throw LibZip.error(zip_get_error(archive), file: file, part: entry.name, while: "beim Hinzufügen eines Eintrags")
        }
        return source
    }

    private static func readAll(_ source: OpaquePointer, file: String) throws(ODFError) -> Data {
        guard zip_source_open(source) == 0 else {
            throw LibZip.error(zip_source_error(source), file: file, while: "beim Lesen des geschriebenen Archivs")
        }
        defer { zip_source_close(source) }
        var stat = zip_stat_t()
        zip_stat_init(&stat)
        guard zip_source_stat(source, &stat) == 0 else {
            throw LibZip.error(zip_source_error(source), file: file, while: "beim Lesen des geschriebenen Archivs")
        }
        var data = Data(count: Int(stat.size))
        let read = data.withUnsafeMutableBytes { zip_source_read(source, $0.baseAddress, zip_uint64_t($0.count)) }
        guard read == Int64(stat.size) else {
            throw LibZip.error(zip_source_error(source), file: file, while: "beim Lesen des geschriebenen Archivs")
        }
        return data
    }
}

/// A libzip source of data deflated already: its stat says so (method, both sizes, CRC), so
/// libzip writes the bytes as they are instead of compressing them.
private final class DeflatedSource {
    let bytes: Data
    let crc: UInt32
    let size: Int
    var position = 0

    init(bytes: Data, crc: UInt32, size: Int) {
        self.bytes = bytes
        self.crc = crc
        self.size = size
    }

    static let callback: zip_source_callback = { userdata, data, length, command in
        guard let userdata else { return -1 }
        let unmanaged = Unmanaged<DeflatedSource>.fromOpaque(userdata)
        let source = unmanaged.takeUnretainedValue()
        switch command {
        case ZIP_SOURCE_OPEN:
            source.position = 0
            return 0
        case ZIP_SOURCE_READ:
            let count = min(Int(length), source.bytes.count - source.position)
            guard count > 0, let data else { return 0 }
            source.bytes.withUnsafeBytes { raw in
                data.copyMemory(from: raw.baseAddress! + source.position, byteCount: count)
            }
            source.position += count
            return Int64(count)
        case ZIP_SOURCE_CLOSE:
            return 0
        case ZIP_SOURCE_STAT:
            guard let data, length >= MemoryLayout<zip_stat_t>.size else { return -1 }
            let stat = data.assumingMemoryBound(to: zip_stat_t.self)
            zip_stat_init(stat)
            stat.pointee.size = zip_uint64_t(source.size)
            stat.pointee.comp_size = zip_uint64_t(source.bytes.count)
            stat.pointee.comp_method = zip_uint16_t(ZIP_CM_DEFLATE)
            stat.pointee.crc = source.crc
            stat.pointee.valid = zip_uint64_t(ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC)
            return Int64(MemoryLayout<zip_stat_t>.size)
        case ZIP_SOURCE_ERROR:
            // Nothing here fails; report "no error" in libzip's two-int error format.
            guard let data, length >= 2 * MemoryLayout<Int32>.size else { return -1 }
            let codes = data.assumingMemoryBound(to: Int32.self)
            codes[0] = ZIP_ER_OK
            codes[1] = 0
            return Int64(2 * MemoryLayout<Int32>.size)
        case ZIP_SOURCE_FREE:
            unmanaged.release()
            return 0
        case ZIP_SOURCE_SUPPORTS:
            let commands = [ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, ZIP_SOURCE_SUPPORTS]
            return commands.reduce(Int64(0)) { $0 | (Int64(1) << Int64($1.rawValue)) }
        default:
            return -1
        }
    }
}
