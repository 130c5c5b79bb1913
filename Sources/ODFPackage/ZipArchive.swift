import CLibZip
import Foundation

/// A zip archive read completely into memory through libzip, with every entry checked.
///
/// Reading refuses what an ODF consumer must not accept: encrypted entries, unsafe names (absolute,
/// `..`, backslashes), duplicate names, entries beyond ``ODFLimits``, and archives libzip finds
/// inconsistent or damaged.
struct ZipArchive {
    struct Entry {
        var name: String
        var data: Data
        var isDirectory: Bool
    }

    var entries: [Entry]

    /// Reads every entry of the zip in `bytes`; `file` names it in errors.
    init(bytes: Data, file: String, limits: ODFLimits) throws(ODFError) {
        let result: Result<[Entry], ODFError> = bytes.withUnsafeBytes { raw in
            Result { () throws(ODFError) in try Self.readEntries(raw, file: file, limits: limits) }
        }
        entries = try result.get()
    }

    private static func readEntries(_ raw: UnsafeRawBufferPointer, file: String, limits: ODFLimits) throws(ODFError) -> [Entry] {
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        guard let source = zip_source_buffer_create(raw.baseAddress, zip_uint64_t(raw.count), 0, &error) else {
            throw LibZip.error(&error, file: file, while: "beim Lesen")
        }
        guard let archive = LibZip.open(source, flags: ZIP_RDONLY | ZIP_CHECKCONS, error: &error) else {
            zip_source_free(source)
            throw LibZip.error(&error, file: file, while: "beim Öffnen")
        }
        defer { zip_discard(archive) }

        let count = Int(zip_get_num_entries(archive, 0))
        guard count <= limits.maxEntries else {
            throw ODFError(.limitExceeded, file: file, "Das Paket hat \(count) Einträge; angenommen werden höchstens \(limits.maxEntries).")
        }
        var entries: [Entry] = []
        var seen = Set<String>()
        var total = 0
        for index in 0..<count {
            var stat = zip_stat_t()
            zip_stat_init(&stat)
            try LibZip.check(zip_stat_index(archive, zip_uint64_t(index), ZIP_FL_ENC_GUESS, &stat), archive, file: file, while: "beim Lesen des Inhaltsverzeichnisses")
            let name = String(cString: stat.name)
            try checkName(name, file: file)
            guard seen.insert(name).inserted else {
                throw ODFError(.duplicateEntry, file: file, part: name, "Dieser Eintrag steht zweimal im Zip-Archiv; welcher gemeint ist, lässt sich nicht sagen.", hint: ODFError.resaveHint)
            }
            if stat.valid & zip_uint64_t(ZIP_STAT_ENCRYPTION_METHOD) != 0, stat.encryption_method != ZIP_EM_NONE {
                throw ODFError(.encrypted, file: file, part: name, "Dieser Eintrag ist verschlüsselt.", hint: ODFError.savePlainHint)
            }
            let size = Int(stat.size)
            guard size <= limits.maxEntrySize else {
                throw ODFError(.limitExceeded, file: file, part: name, "Dieser Eintrag wird entpackt \(size) Bytes groß; angenommen werden höchstens \(limits.maxEntrySize).")
            }
            total += size
            guard total <= limits.maxTotalSize else {
                throw ODFError(.limitExceeded, file: file, "Das Paket wird entpackt größer als \(limits.maxTotalSize) Bytes.")
            }
            let isDirectory = name.hasSuffix("/")
            let data = isDirectory ? Data() : try readEntry(archive, index: index, size: size, name: name, file: file)
            entries.append(Entry(name: name, data: data, isDirectory: isDirectory))
        }
        return entries
    }

    /// Reads one entry, never more than its announced size (a lying header cannot inflate memory).
    private static func readEntry(_ archive: OpaquePointer, index: Int, size: Int, name: String, file: String) throws(ODFError) -> Data {
        guard let handle = zip_fopen_index(archive, zip_uint64_t(index), 0) else {
            throw LibZip.error(zip_get_error(archive), file: file, part: name, while: "beim Entpacken")
        }
        var data = Data(count: size + 1)
        var filled = 0
        var failure: ODFError?
        data.withUnsafeMutableBytes { raw in
            while filled < raw.count {
                let read = zip_fread(handle, raw.baseAddress! + filled, zip_uint64_t(raw.count - filled))
                if read < 0 {
                    failure = LibZip.error(zip_file_get_error(handle), file: file, part: name, while: "beim Entpacken")
                    return
                }
                if read == 0 { break }
                filled += Int(read)
            }
        }
        let closed = zip_fclose(handle)
        if let failure { throw failure }
        if closed != 0 {
            var error = zip_error_t()
            zip_error_init_with_code(&error, closed)
            defer { zip_error_fini(&error) }
            throw LibZip.error(&error, file: file, part: name, while: "beim Entpacken")
        }
        guard filled == size else {
            throw ODFError(.corruptZip, file: file, part: name, "Dieser Eintrag wird entpackt \(filled) Bytes groß statt der \(size), die sein Kopf ankündigt.", hint: "Die Datei ist beschädigt; bitten Sie den Absender um eine intakte Kopie.")
        }
        data.removeLast()
        return data
    }

    /// Refuses names that could escape a folder when unpacked or that no ODF package uses.
    static func checkName(_ name: String, file: String) throws(ODFError) {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        let unsafe = name.isEmpty || name.hasPrefix("/") || name.contains("\\") || name.contains("\0")
            || parts.contains("..") || parts.contains(".")
            || (name.count >= 2 && name.dropFirst().first == ":")
        if unsafe {
            throw ODFError(.unsafeEntryName, file: file, part: name, "Dieser Eintragsname ist nicht sicher (absolute Pfade, „..“, „.“ und Rückstriche werden abgelehnt).", hint: ODFError.resaveHint)
        }
    }
}
