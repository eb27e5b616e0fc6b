import Foundation

/// The Kafka message key of a request: a keyed hash of the subject it acts on (customer code,
/// dossier code, ID number).
///
/// Every request on one subject lands on one partition, so one worker handles them in order
/// (no race between two payments of one bill), and no personal data travels in clear in the key.
/// The key is stable for a given secret; rotating the secret moves subjects between partitions, so
/// do it only with the request topics drained.
public struct SubjectKey: Sendable, Hashable, CustomStringConvertible {
    /// 32 lowercase hex digits (the first 128 bits of HMAC-SHA256).
    public let rawValue: String

    /// - Parameters:
    ///   - subject: what the request acts on, in its normalised form.
    ///   - secret: the fleet's key-derivation secret (from configuration, never from code in production).
    public init(subject: String, secret: Secret) {
        let mac = HMACKey(secret.bytes).authenticationCode(Array(subject.utf8))
        rawValue = Hex.lowercase(mac.prefix(16))
    }

    /// The key-derivation secret, as bytes (swift-crypto's `SymmetricKey` is not `Sendable`).
    public struct Secret: Sendable, Hashable {
        public let bytes: [UInt8]
        public init(bytes: [UInt8]) { self.bytes = bytes }
        /// UTF-8 bytes of a configured passphrase.
        public init(_ text: String) { bytes = Array(text.utf8) }
    }

    public var description: String { rawValue }
}
