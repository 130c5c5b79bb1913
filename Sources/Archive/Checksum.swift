public import Foundation
import Crypto

/// The SHA-512 checksum of some bytes, in lower-case hexadecimal as OParl's `sha512Checksum` wants it.
public enum Checksum {
    /// The hexadecimal SHA-512 of `data`.
    public static func sha512(_ data: Data) -> String {
        SHA512.hash(data: data).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}
