import Crypto
import Foundation

/// A station's signature on one request message, carried in four Kafka headers next to the
/// untouched value bytes.
///
/// The signed text is the canonical form
/// `DCS-HMAC-SHA256-V1 \n key id \n station id \n signed-at (Unix ms) \n nonce \n SHA-256(value) in hex`:
/// it binds the exact envelope bytes to one station, one moment and one nonce, so a forged,
/// altered, stale or replayed message is recognised. Verification: ``RequestAuthenticator``.
public struct RequestSignature: Sendable, Equatable {
    public static let keyIDHeader = "dcs-key-id"
    public static let signedAtHeader = "dcs-signed-at"
    public static let nonceHeader = "dcs-nonce"
    public static let signatureHeader = "dcs-signature"
    /// Every header this type writes.
    public static let headerNames: Set<String> = [keyIDHeader, signedAtHeader, nonceHeader, signatureHeader]

    public let keyID: String
    public let signedAtMillis: Int64
    /// 32 lowercase hex digits (128 random bits).
    public let nonce: String
    /// Base64 of the HMAC-SHA256.
    public let signature: String

    /// Signs `value` (the envelope bytes as published) for `stationID` with `key`.
    public static func sign(_ value: Data, stationID: StationID, key: StationKey, at date: Date = Date(), nonce: String? = nil) -> RequestSignature {
        let millis = Int64((date.timeIntervalSince1970 * 1_000).rounded(.down))
        let nonce = nonce ?? randomNonce()
        let text = canonical(keyID: key.keyID, stationID: stationID.rawValue, signedAtMillis: millis, nonce: nonce, value: value)
        let mac = HMACKey(key.secret).authenticationCode(Array(text.utf8))
        return RequestSignature(keyID: key.keyID, signedAtMillis: millis, nonce: nonce, signature: Data(mac).base64EncodedString())
    }

    /// The four headers, as (name, value) pairs.
    public var headers: [(String, String)] {
        [(Self.keyIDHeader, keyID), (Self.signedAtHeader, String(signedAtMillis)), (Self.nonceHeader, nonce), (Self.signatureHeader, signature)]
    }

    /// Reads a signature from headers; `nil` when any of the four is missing or unreadable.
    public init?(headers: [String: String]) {
        guard let keyID = headers[Self.keyIDHeader], let at = headers[Self.signedAtHeader].flatMap(Int64.init),
              let nonce = headers[Self.nonceHeader], let signature = headers[Self.signatureHeader] else { return nil }
        self.init(keyID: keyID, signedAtMillis: at, nonce: nonce, signature: signature)
    }

    public init(keyID: String, signedAtMillis: Int64, nonce: String, signature: String) {
        self.keyID = keyID
        self.signedAtMillis = signedAtMillis
        self.nonce = nonce
        self.signature = signature
    }

    /// Whether the signature is `key`'s over `value` for `stationID` (constant-time comparison).
    public func isValid(for value: Data, stationID: String, key: StationKey) -> Bool {
        isValid(for: value, stationID: stationID, mac: HMACKey(key.secret))
    }

    /// The same check with the key's HMAC made ready once (``StationKeyRegistry`` keeps one per key).
    public func isValid(for value: Data, stationID: String, mac: HMACKey) -> Bool {
        guard let code = Data(base64Encoded: signature) else { return false }
        var text = Self.canonical(keyID: keyID, stationID: stationID, signedAtMillis: signedAtMillis, nonce: nonce, value: value)
        return text.withUTF8 { mac.isValid(code, for: UnsafeRawBufferPointer($0)) }
    }

    static func canonical(keyID: String, stationID: String, signedAtMillis: Int64, nonce: String, value: Data) -> String {
        let digest = SHA256.hash(data: value).withUnsafeBytes { Hex.write($0) }
        return "DCS-HMAC-SHA256-V1\n\(keyID)\n\(stationID)\n\(signedAtMillis)\n\(nonce)\n\(digest)"
    }

    static func randomNonce() -> String {
        var generator = SystemRandomNumberGenerator()
        return Hex.lowercase((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
}
