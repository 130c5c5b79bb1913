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

    /// Text-like bytes: XML with varying values, so that deflate finds matches and literals.
    private func xmlText(_ size: Int, seed: UInt64) -> Data {
        var generator = SplitMix64(seed: seed)
        var text = ""
        while text.utf8.count < size { text += "<text:p text:style-name=\"P\(generator.next() % 10)\">Wert \(generator.next() % 100_000) äöü</text:p>" }
        return Data(text.utf8.prefix(size))
    }

    /// A part whose first bytes were deflated once (a template's styles before its footer) and
    /// whose rest is deflated per document inflates to both, with the CRC-32 of both: for no rest,
    /// a small one, and one that goes through zlib's stream; and the same deflater goes on with a
    /// part without a prefix.
    @Test(arguments: [0, 1, 3_000, Deflater.wholeLimit + 1])
    func aPartWithADeflatedPrefixInflatesToPrefixAndRest(restSize: Int) throws {
        let folder = TemporaryFolder()
        let head = xmlText(17_607, seed: 2013)
        let rest = xmlText(restSize, seed: UInt64(restSize))
        let prefix = try head.withUnsafeBytes { try DeflatedPrefix($0, part: "styles.xml") }
        #expect(prefix.size == head.count)
        #expect(prefix.compressed.count < head.count / 2)

        let deflater = try Deflater()
        try deflater.begin("styles.xml", prefix: prefix)
        try rest.withUnsafeBytes { try deflater.append($0) }
        let part = try deflater.finish()
        #expect(part.size == head.count + rest.count)
        #expect(part.compressed.starts(with: prefix.compressed), "the prefix's bytes as they are")
        let back = try inflate(part, in: folder)
        #expect(back.bytes == head + rest)
        #expect(back.crc == part.crc)

        let plain = try deflater.deflate(rest, part: "content.xml")
        #expect(try inflate(plain, in: folder).bytes == rest, "the next part starts without the prefix")
    }

    /// A prefix alone is not a whole stream: it ends on a byte boundary, with zlib's sync flush,
    /// and no block of it is marked final, so the rest can follow.
    @Test func aPrefixDoesNotEndTheStream() throws {
        let folder = TemporaryFolder()
        let head = xmlText(4_000, seed: 7)
        let prefix = try head.withUnsafeBytes { try DeflatedPrefix($0, part: "content.xml") }
        #expect(prefix.compressed.suffix(4) == Data([0x00, 0x00, 0xFF, 0xFF]), "an empty stored block ends it")
        let file = folder.file("prefix.deflate"), result = folder.file("result.txt")
        try prefix.compressed.write(to: file)
        let script = """
            import sys, zlib
            d = zlib.decompressobj(-15)
            data = d.decompress(open(sys.argv[1], 'rb').read())
            open(sys.argv[2], 'w').write("%d %s" % (len(data), d.eof))
            """
        let outcome = try ExternalTools.run("python3", ["-c", script, file.path, result.path])
        #expect(outcome.status == 0, "python3: \(outcome.error)")
        #expect(try String(contentsOf: result, encoding: .utf8) == "\(head.count) False")
    }
}
