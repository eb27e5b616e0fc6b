import Crypto
import DCSMessages

/// SHA-256 and HMAC-SHA256 (swift-crypto) as byte arrays and hex, for deriving payment ids and
/// codes. Services that key every request with one configured key hold an `HMACKey` instead
/// (set up once); `hmacSHA256` is the one-shot form, and the tests' reference for it.
public enum Digest {
    // Through raw buffers: the `DataProtocol` and `Sequence` generics of swift-crypto's
    // convenience calls are not specialised across the module boundary, and their wrapping cost
    // twenty times the hashing (a payment id: 2.2 % of a worker's CPU, SHA-256 itself 0.1 %).

    public static func sha256(_ message: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        message.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hasher.finalize().withUnsafeBytes { Array($0) }
    }

    public static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        let code = message.withUnsafeBytes { HMAC<SHA256>.authenticationCode(for: $0, using: SymmetricKey(data: key)) }
        return code.withUnsafeBytes { Array($0) }
    }

    public static func hex(_ bytes: [UInt8]) -> String {
        Hex.lowercase(bytes)
    }
}
