import Crypto
import DCSMessages

/// SHA-256 and HMAC-SHA256 (swift-crypto) as byte arrays and hex, for pseudonymising phone
/// numbers and deriving payment ids.
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

    /// An HMAC-SHA256 key made ready once: the key's inner and outer blocks are hashed when it is
    /// made, not again for every message (pseudonymising a phone number per request spent more
    /// on them than on the message).
    public struct HMACKey: @unchecked Sendable {
        // @unchecked Sendable: swift-crypto's HMAC is a value type whose hash states are copied
        // on write; `authenticationCode` copies it before updating, so the stored one is only read.
        private let keyed: HMAC<SHA256>

        public init(_ key: [UInt8]) {
            keyed = HMAC<SHA256>(key: SymmetricKey(data: key))
        }

        /// The same bytes as ``Digest/hmacSHA256(key:message:)`` with this key.
        public func authenticationCode(_ message: [UInt8]) -> [UInt8] {
            var hmac = keyed
            message.withUnsafeBytes { hmac.update(data: $0) }
            return hmac.finalize().withUnsafeBytes { Array($0) }
        }
    }

    public static func hex(_ bytes: [UInt8]) -> String {
        Hex.lowercase(bytes)
    }
}
