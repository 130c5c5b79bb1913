import CLibZip
import Foundation

/// A zlib deflate stream kept for many parts, so each part costs its compression only.
///
/// Opening a stream allocates and clears zlib's window and hash tables; for parts of a few
/// kilobytes that cost more than compressing them. One stream is reset between parts instead,
/// and sized for parts of that size (a 16 KiB window, smaller hash tables). The output is raw
/// deflate, as a zip entry holds it, with the CRC-32 of the input.
final class Deflater {
    private var stream = z_stream()
    let level: Int32

    /// The deflate level of filled parts: 1, the fastest, measured as the cheapest per document
    /// for a few percent more bytes than 6 (docs/performance.md).
    static let fillLevel: Int32 = 1

    init(level: Int32 = fillLevel) throws(ODFError) {
        self.level = level
        // Negative window bits: raw deflate without zlib's header, as zip entries hold it.
        let status = vorlage_deflate_init(&stream, level, -14, 6)
        guard status == Z_OK else {
            throw ODFError(.zipLibrary, "zlib kann das Komprimieren nicht beginnen (Status \(status)).")
        }
    }

    deinit {
        deflateEnd(&stream)
    }

    /// A part's deflated bytes, with the CRC-32 and size of what they hold.
    struct Deflated {
        var compressed: Data
        var crc: UInt32
        var size: Int
    }

    private var part = ""
    private var output = Data()
    private var crc: uLong = 0
    private var size = 0
    /// Where zlib writes before the bytes are appended to ``output``: a part is deflated in
    /// pieces as it is filled, so neither it nor its deflated form need be in memory twice.
    private var window = [Bytef](repeating: 0, count: 64 << 10)

    /// Starts a new part.
    func begin(_ part: String) throws(ODFError) {
        guard deflateReset(&stream) == Z_OK else {
            throw ODFError(.zipLibrary, part: part, "zlib kann das Komprimieren nicht neu beginnen.")
        }
        self.part = part
        output = Data()
        crc = 0
        size = 0
    }

    /// Deflates the next piece of the part.
    func append(_ bytes: UnsafeRawBufferPointer) throws(ODFError) {
        guard let base = bytes.bindMemory(to: Bytef.self).baseAddress, !bytes.isEmpty else { return }
        crc = crc32(crc, base, uInt(bytes.count))
        size += bytes.count
        stream.next_in = UnsafeMutablePointer(mutating: base)
        stream.avail_in = uInt(bytes.count)
        while stream.avail_in > 0 {
            try run(Z_NO_FLUSH)
        }
    }

    /// Ends the part and returns it deflated.
    func finish() throws(ODFError) -> Deflated {
        stream.next_in = nil
        stream.avail_in = 0
        while try run(Z_FINISH) != Z_STREAM_END {}
        let result = Deflated(compressed: output, crc: UInt32(crc), size: size)
        output = Data()
        return result
    }

    /// `data` deflated whole.
    func deflate(_ data: Data, part: String) throws(ODFError) -> Deflated {
        try begin(part)
        let failure: ODFError? = data.withUnsafeBytes { raw in
            do throws(ODFError) {
                try append(raw)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
        return try finish()
    }

    /// One call of zlib into ``window``, whose output is then appended; returns zlib's status.
    @discardableResult
    private func run(_ flush: Int32) throws(ODFError) -> Int32 {
        let capacity = window.count
        let (status, produced) = window.withUnsafeMutableBufferPointer { buffer -> (Int32, Int) in
            stream.next_out = buffer.baseAddress
            stream.avail_out = uInt(capacity)
            let status = CLibZip.deflate(&stream, flush)
            return (status, capacity - Int(stream.avail_out))
        }
        guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
            throw ODFError(.zipLibrary, part: part, "zlib kann den Teil nicht komprimieren (Status \(status)).")
        }
        if produced > 0 { window.withUnsafeBufferPointer { output.append($0.baseAddress!, count: produced) } }
        return status
    }
}

@available(*, unavailable, message: "a zlib stream belongs to one task")
extension Deflater: Sendable {}
