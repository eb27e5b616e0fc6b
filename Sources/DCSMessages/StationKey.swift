import Foundation

/// A station's signing key: which station holds it, which wards it may act for, and the shared
/// secret. Keys are identified by ``keyID`` so that a station can move to a new key while the old
/// one is still accepted (rotation), and never come from code: see ``StationKeyRegistry``.
public struct StationKey: Sendable, Equatable {
    public let keyID: String
    public let stationID: StationID
    /// Wards whose citizens the station serves; a request for another ward is refused.
    public let wards: Set<WardCode>
    /// At least 32 bytes of HMAC-SHA256 key.
    public let secret: [UInt8]
    /// After this instant the key is refused (rotation deadline); `nil`: no deadline.
    public let notAfter: Date?

    public init(keyID: String, stationID: StationID, wards: Set<WardCode>, secret: [UInt8], notAfter: Date? = nil) {
        self.keyID = keyID
        self.stationID = stationID
        self.wards = wards
        self.secret = secret
        self.notAfter = notAfter
    }

    /// A fresh key with a random 32-byte secret (for demos and tests; production keys are issued
    /// by the fleet's key management and loaded from a file).
    public static func generate(keyID: String, stationID: StationID, wards: Set<WardCode>) -> StationKey {
        var generator = SystemRandomNumberGenerator()
        return StationKey(keyID: keyID, stationID: stationID, wards: wards, secret: (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
}
