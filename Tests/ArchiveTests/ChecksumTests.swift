import Archive
import Foundation
import Testing

@Suite struct ChecksumTests {
    /// The FIPS 180-2 test vector for "abc".
    @Test func sha512OfABC() {
        #expect(Checksum.sha512(Data("abc".utf8)) ==
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
    }
}
