@testable import ODFPackage
import Foundation
import TestSupport
import Testing

/// The compressor of filled parts: what it makes inflates (with zlib, as any zip reader does) to
/// exactly the input, with the input's CRC-32 and size, for empty, small and large parts (those
/// beyond `Deflater.wholeLimit` go through zlib's stream), whole or given in pieces.
@Suite struct DeflaterTests {
    /// The input of `deflated` as zlib inflates it, and its CRC-32 as zlib computes it.
    private func inflate(_ deflated: Deflater.Deflated, in folder: TemporaryFolder) throws -> (bytes: Data, crc: UInt32) {
        let compressed = folder.file("teil.deflate"), inflated = folder.file("teil.raw"), crc = folder.file("teil.crc")
        try deflated.compressed.write(to: compressed)
        let script = """
            import sys, zlib
            data = zlib.decompress(open(sys.argv[1], 'rb').read(), -15)
            open(sys.argv[2], 'wb').write(data)
            open(sys.argv[3], 'w').write(str(zlib.crc32(data)))
            """
        let outcome = try ExternalTools.run("python3", ["-c", script, compressed.path, inflated.path, crc.path])
        #expect(outcome.status == 0, "python3: \(outcome.error)")
        return (try Data(contentsOf: inflated), UInt32(try String(contentsOf: crc, encoding: .utf8)) ?? 0)
    }

    @Test(arguments: [0, 1, 3_000, 150_000, Deflater.wholeLimit, Deflater.wholeLimit + 1, 300_000, 2_000_000])
    func aPartInflatesToItselfWithItsCRC(size: Int) throws {
        let folder = TemporaryFolder()
        var generator = SystemRandomNumberGenerator()
        // Text-like bytes: XML with varying values, so that deflate finds matches and literals.
        var text = ""
        while text.utf8.count < size { text += "<text:p text:style-name=\"P\(UInt8.random(in: 0...9, using: &generator))\">Wert \(UInt32.random(in: 0...99_999, using: &generator)) äöü</text:p>" }
        let input = Data(text.utf8.prefix(size))

        let deflater = try Deflater()
        let whole = try deflater.deflate(input, part: "content.xml")
        #expect(whole.size == size)
        let back = try inflate(whole, in: folder)
        #expect(back.bytes == input)
        #expect(back.crc == whole.crc)
        if size > 100 { #expect(whole.compressed.count < size, "text compresses") }

        // The same part given in uneven pieces, after another part: the same bytes.
        try deflater.begin("styles.xml")
        try Data("<office:document-styles/>".utf8).withUnsafeBytes { try deflater.append($0) }
        _ = try deflater.finish()
        try deflater.begin("content.xml")
        var offset = 0, piece = 1
        while offset < input.count {
            let end = min(input.count, offset + piece)
            try input[offset..<end].withUnsafeBytes { try deflater.append($0) }
            offset = end
            piece = piece * 3 + 7
        }
        let pieces = try deflater.finish()
        #expect(pieces.compressed == whole.compressed)
        #expect(pieces.crc == whole.crc && pieces.size == whole.size)
    }
}
