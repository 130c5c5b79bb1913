internal import CLibDeflate
import Foundation

/// Deflates the parts a document fills into the raw deflate a zip entry holds, with the CRC-32
/// of what they hold; one compressor and its buffers are kept from part to part.
///
/// A part is collected as it is filled and compressed whole at its end with libdeflate, which
/// compresses whole buffers only. Measured on the peers' benchmark's content.xml (14.9 KB, this
/// machine class): libdeflate at level 1 takes 31 µs and gives 3,281 bytes, zlib at level 1 with
/// a stream reused between parts 102 µs and 3,471 bytes (docs/performance.md). A part that grows
/// beyond ``wholeLimit`` goes on through a ``DeflateStream`` instead, so that a huge part (the
/// invitation of a 10,000-item agenda is 8 MB) is never held whole: holding it, and libdeflate's
/// output buffer of its size, raised the peak memory of such a build by 16 MB.
final class Deflater {
    /// The largest part collected and compressed whole.
    static let wholeLimit = 256 << 10

    private let compressor: OpaquePointer
    let level: Int32

    /// The deflate level of filled parts: 1, the fastest, measured as the cheapest per document
    /// for a few percent more bytes than 6 (docs/performance.md).
    static let fillLevel: Int32 = 1

    init(level: Int32 = fillLevel) throws(ODFError) {
        self.level = level
        guard let compressor = libdeflate_alloc_compressor(level) else {
            throw ODFError(.zipLibrary, "libdeflate kann das Komprimieren nicht beginnen (Stufe \(level)).")
        }
        self.compressor = compressor
    }

    deinit {
        libdeflate_free_compressor(compressor)
    }

    /// A part's deflated bytes, with the CRC-32 and size of what they hold.
    struct Deflated {
        var compressed: Data
        var crc: UInt32
        var size: Int
    }

    private var part = ""
    /// The part begun last, as filled so far, while it is within ``wholeLimit``.
    private var input: [UInt8] = []
    /// Where libdeflate writes, grown to the largest bound met.
    private var output: [UInt8] = []
    private var crc: UInt32 = 0
    private var size = 0
    /// The stream for large parts, made for the first one and kept.
    private var stream: DeflateStream?
    /// Whether the part begun last goes through ``stream``.
    private var streaming = false
    /// The part's first bytes, deflated once, that its deflated rest follows.
    private var prefix: DeflatedPrefix?

    /// Starts a new part; with `prefix`, the part starts with its bytes, and what is appended is
    /// the rest.
    func begin(_ part: String, prefix: DeflatedPrefix? = nil) throws(ODFError) {
        self.part = part
        input.removeAll(keepingCapacity: true)
        self.prefix = prefix
        crc = prefix?.crc ?? 0
        size = prefix?.size ?? 0
        streaming = false
    }

    /// Adds the next piece of the part.
    func append(_ bytes: UnsafeRawBufferPointer) throws(ODFError) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        crc = libdeflate_crc32(crc, base, bytes.count)
        size += bytes.count
        if !streaming, input.count + bytes.count > Self.wholeLimit {
            // Too large to hold: what was collected and everything after it goes through the stream.
            let stream: DeflateStream
            if let kept = self.stream {
                stream = kept
            } else {
                stream = try DeflateStream(level: level)
                self.stream = stream
            }
            try stream.begin(part)
            try input.withUnsafeBytes { collected in Result { () throws(ODFError) in try stream.append(collected) } }.get()
            input.removeAll(keepingCapacity: true)
            streaming = true
        }
        if streaming {
            try stream!.append(bytes)
        } else {
            input.append(contentsOf: bytes)
        }
    }

    /// Ends the part and returns it deflated.
    func finish() throws(ODFError) -> Deflated {
        let rest: Data
        if streaming {
            streaming = false
            rest = try stream!.finish()
        } else {
            rest = try input.withUnsafeBytes { compress($0) }.get()
        }
        guard let prefix else { return Deflated(compressed: rest, crc: crc, size: size) }
        self.prefix = nil
        var compressed = Data(capacity: prefix.compressed.count + rest.count)
        compressed.append(prefix.compressed)
        compressed.append(rest)
        return Deflated(compressed: compressed, crc: crc, size: size)
    }

    /// `data` deflated whole.
    func deflate(_ data: Data, part: String) throws(ODFError) -> Deflated {
        try begin(part)
        try data.withUnsafeBytes { raw in Result { () throws(ODFError) in try append(raw) } }.get()
        return try finish()
    }

    /// The one call of libdeflate: `raw` deflated.
    private func compress(_ raw: UnsafeRawBufferPointer) -> Result<Data, ODFError> {
        guard let start = raw.baseAddress else {
            // libdeflate reads nothing from an empty input, but wants an address all the same.
            return [UInt8(0)].withUnsafeBytes { compress(UnsafeRawBufferPointer(rebasing: $0[0..<0])) }
        }
        let bound = libdeflate_deflate_compress_bound(compressor, raw.count)
        if output.count < bound { output = [UInt8](repeating: 0, count: bound) }
        let produced = output.withUnsafeMutableBytes { buffer in
            libdeflate_deflate_compress(compressor, start, raw.count, buffer.baseAddress, buffer.count)
        }
        // Zero means the output did not fit, which the bound rules out.
        guard produced > 0 else {
            return .failure(ODFError(.zipLibrary, part: part, "libdeflate kann den Teil nicht komprimieren."))
        }
        return .success(Data(output[0..<produced]))
    }
}

@available(*, unavailable, message: "a compressor and its buffers belong to one task")
extension Deflater: Sendable {}
