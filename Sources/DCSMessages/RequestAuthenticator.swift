import Foundation

/// Checks a request message's station signature before anything else reads it.
///
/// Checked here, without state: a signature is present, its key is known and not past its
/// deadline, it is valid over the exact value bytes, and it is fresh (within ``maximumClockSkew``
/// of the worker's clock). The caller checks what needs state or the decoded envelope: the nonce
/// was not seen before, the envelope names the key's station and one of its wards.
///
/// A message that comes back from the worker's own retry tiers or from an operator's replay keeps
/// its original signature, which is still verified, but not its freshness: the hop is made by the
/// fleet itself, and effects stay exactly once through the request id either way.
public struct RequestAuthenticator: Sendable {
    public let registry: StationKeyRegistry
    /// Largest accepted difference between the signing time and the worker's clock. Default 5 min:
    /// a station signs when it publishes (not when the citizen submits), so an offline spell does
    /// not age its requests.
    public let maximumClockSkew: TimeInterval

    public init(registry: StationKeyRegistry, maximumClockSkew: TimeInterval = 300) {
        self.registry = registry
        self.maximumClockSkew = maximumClockSkew
    }

    /// What passed the stateless checks.
    public struct Verified: Sendable, Equatable {
        public let key: StationKey
        public let signature: RequestSignature
    }

    /// A refusal, with its stable code and the event kind to record.
    public struct Refusal: Error, Sendable, Equatable {
        public let reasonCode: String
        public let kind: SecurityEvent.Kind
        public let severity: SecurityEvent.Severity
        public let keyID: String?

        public static func unsigned() -> Refusal { Refusal(reasonCode: "security.unsigned", kind: .authenticationFailed, severity: .warning, keyID: nil) }
        public static func unknownKey(_ id: String) -> Refusal { Refusal(reasonCode: "security.unknown_key", kind: .authenticationFailed, severity: .critical, keyID: id) }
        public static func keyExpired(_ id: String) -> Refusal { Refusal(reasonCode: "security.key_expired", kind: .authenticationFailed, severity: .warning, keyID: id) }
        public static func signatureInvalid(_ id: String) -> Refusal { Refusal(reasonCode: "security.signature_invalid", kind: .signatureInvalid, severity: .critical, keyID: id) }
        public static func expired(_ id: String) -> Refusal { Refusal(reasonCode: "security.expired", kind: .replayDetected, severity: .warning, keyID: id) }
        public static func replayed(_ id: String) -> Refusal { Refusal(reasonCode: "security.replayed", kind: .replayDetected, severity: .critical, keyID: id) }
        public static func stationMismatch(_ id: String) -> Refusal { Refusal(reasonCode: "security.station_mismatch", kind: .signatureInvalid, severity: .critical, keyID: id) }
        public static func wardNotServed(_ id: String) -> Refusal { Refusal(reasonCode: "security.ward_not_served", kind: .messageRejected, severity: .warning, keyID: id) }
    }

    /// The stateless checks. `isFleetHop`: the message came back through a retry tier or a replay.
    public func verify(value: Data, headers: [String: String], now: Date, isFleetHop: Bool) -> Result<Verified, Refusal> {
        guard let signature = RequestSignature(headers: headers) else { return .failure(.unsigned()) }
        guard let key = registry.key(signature.keyID), let mac = registry.mac(signature.keyID) else { return .failure(.unknownKey(signature.keyID)) }
        if let notAfter = key.notAfter, now > notAfter { return .failure(.keyExpired(key.keyID)) }
        guard signature.isValid(for: value, stationID: key.stationID.rawValue, mac: mac) else { return .failure(.signatureInvalid(key.keyID)) }
        let skew = abs(now.timeIntervalSince1970 - Double(signature.signedAtMillis) / 1_000)
        if !isFleetHop && skew > maximumClockSkew { return .failure(.expired(key.keyID)) }
        return .success(Verified(key: key, signature: signature))
    }

    /// The envelope must name the key's station and one of its wards.
    public func check(_ request: RequestEnvelope, against verified: Verified) -> Refusal? {
        if request.stationID != verified.key.stationID { return .stationMismatch(verified.key.keyID) }
        if !verified.key.wards.contains(request.wardCode) { return .wardNotServed(verified.key.keyID) }
        return nil
    }
}
