import Crypto
import Foundation

/// An HMAC-SHA256 key made ready once: the key's inner and outer blocks are hashed when it is
/// made, not again for every message (pseudonymising a phone number, or checking a station's
/// signature, per request spent more on them than on the message).
public struct HMACKey: @unchecked Sendable {
    // @unchecked Sendable: swift-crypto's HMAC is a value type whose hash states are copied on
    // write; every use below copies it before updating, so the stored one is only ever read.
    private let keyed: HMAC<SHA256>

    public init(_ key: [UInt8]) {
        keyed = HMAC<SHA256>(key: SymmetricKey(data: key))
    }

    /// The HMAC-SHA256 of `message` under this key.
    public func authenticationCode(_ message: [UInt8]) -> [UInt8] {
        message.withUnsafeBytes { code(of: $0).withUnsafeBytes { Array($0) } }
    }

    /// Whether `code` is this key's HMAC of `message`, compared in constant time.
    public func isValid(_ code: some DataProtocol, for message: UnsafeRawBufferPointer) -> Bool {
        self.code(of: message) == code
    }

    private func code(of message: UnsafeRawBufferPointer) -> HashedAuthenticationCode<SHA256> {
        var hmac = keyed
        hmac.update(data: message)
        return hmac.finalize()
    }
}
