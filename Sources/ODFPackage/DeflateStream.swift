internal import CLibZip
import Foundation

/// A zlib deflate stream for parts too large to hold whole, kept from part to part.
///
/// ``Deflater`` compresses ordinary parts whole with libdeflate; a part beyond its limit (the
/// invitation of an agenda with thousands of items, a submission with a book of Markdown) goes
/// through this stream piece by piece as it is filled, so neither the part nor its deflated form
/// is held twice. The stream is raw deflate, as a zip entry holds it, with a 16 KiB window.
final class DeflateStream {
    private var stream = z_stream()
    private var part = ""
    private var output = Data()
    /// Where zlib writes before the bytes are appended to ``output``.
    private var window = [Bytef](repeating: 0, count: 64 << 10)

    init(level: Int32) throws(ODFError) {
        // Negative window bits: raw deflate without zlib's header, as zip entries hold it.
        let status = vorlage_deflate_init(&stream, level, -14, 6)
        guard status == Z_OK else {
            throw ODFError(.zipLibrary, "zlib kann das Komprimieren nicht beginnen (Status \(status)).")
        }
    }

    deinit {
        deflateEnd(&stream)
    }

    /// Starts a new part.
    func begin(_ part: String) throws(ODFError) {
        guard deflateReset(&stream) == Z_OK else {
            throw ODFError(.zipLibrary, part: part, "zlib kann das Komprimieren nicht neu beginnen.")
        }
        self.part = part
        output = Data()
    }

    /// Deflates the next piece of the part.
    func append(_ bytes: UnsafeRawBufferPointer) throws(ODFError) {
        guard let base = bytes.bindMemory(to: Bytef.self).baseAddress, !bytes.isEmpty else { return }
        stream.next_in = UnsafeMutablePointer(mutating: base)
        stream.avail_in = uInt(bytes.count)
        while stream.avail_in > 0 {
            try run(Z_NO_FLUSH)
        }
    }

    /// Ends the part and returns its deflated bytes.
    func finish() throws(ODFError) -> Data {
        stream.next_in = nil
        stream.avail_in = 0
        while try run(Z_FINISH) != Z_STREAM_END {}
        defer { output = Data() }
        return output
    }

    /// Deflates `bytes` as the part's only input and ends them on a byte boundary without ending
    /// the stream (zlib's sync flush), so that other raw deflate blocks can follow them.
    func flushed(_ bytes: UnsafeRawBufferPointer) throws(ODFError) -> Data {
        try append(bytes)
        // zlib is done flushing when a call leaves room in the window.
        while true {
            stream.next_in = nil
            stream.avail_in = 0
            try run(Z_SYNC_FLUSH)
            if stream.avail_out > 0 { break }
        }
        defer { output = Data() }
        return output
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
extension DeflateStream: Sendable {}
