import Archive
import Foundation
import Testing

@Suite struct ChecksumTests {
    /// The FIPS 180-2 test vector for "abc".
    @Test func sha512OfABC() {
        #expect(Checksum.sha512(Data("abc".utf8)) ==
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
    }

    /// The FIPS 180-2 vector of the empty message, and a digest whose first byte is zero (from
    /// Python's hashlib): every byte is two digits, leading zeros kept.
    @Test func sha512KeepsLeadingZeros() {
        #expect(Checksum.sha512(Data()) ==
            "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e")
        #expect(Checksum.sha512(Data("vorlage 48".utf8)) ==
            "001713effc326b8d61d2c6bd0a4bdc026de8eb93c1ea3d12fae0979b9218dd6bef0a3828d7e2161074a348ca3dcab07f2398d70e0758086b270bb1d5d802d7ac")
    }
}
