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
            throw ODFError(.zipLibrary, "zlib could not start a deflate stream (status \(status)).")
        }
    }

    deinit {
        deflateEnd(&stream)
    }

    /// `data` deflated, its CRC-32 and its size.
    func deflate(_ data: Data, part: String) throws(ODFError) -> (compressed: Data, crc: UInt32) {
        guard deflateReset(&stream) == Z_OK else {
            throw ODFError(.zipLibrary, part: part, "zlib could not reset its deflate stream.")
        }
        let bound = Int(deflateBound(&stream, uLong(data.count)))
        var output = Data(count: bound)
        var crc: uLong = 0
        let status: Int32 = data.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                let base = input.bindMemory(to: Bytef.self).baseAddress
                crc = crc32(0, base, uInt(input.count))
                stream.next_in = UnsafeMutablePointer(mutating: base)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(out.count)
                return CLibZip.deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else {
            throw ODFError(.zipLibrary, part: part, "zlib could not deflate the part (status \(status)).")
        }
        output.count = Int(stream.total_out)
        return (output, UInt32(crc))
    }
}

@available(*, unavailable, message: "a zlib stream belongs to one task")
extension Deflater: Sendable {}
