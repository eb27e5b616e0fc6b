import DCSSchema
import Foundation

/// The station keys a worker accepts, loaded from a JSON file (path in `DCS_STATION_KEYS` or a
/// flag), never compiled in:
///
/// ```json
/// {"keys": [{"key_id": "st-27097-01-2026a", "station_id": "ST-27097-01", "wards": ["27097"],
///            "secret_base64": "…32 bytes or more…", "not_after": "2027-01-01T00:00:00Z"}]}
/// ```
///
/// The same file format serves a station (`--key-file`), which then holds only its own keys.
public struct StationKeyRegistry: Sendable {
    public let keys: [String: StationKey]
    /// Each key's HMAC made ready once: preparing it per request cost as much as the rest of the
    /// signature check.
    private let macs: [String: HMACKey]

    public init(keys: [StationKey]) {
        self.keys = Dictionary(keys.map { ($0.keyID, $0) }, uniquingKeysWith: { _, last in last })
        self.macs = self.keys.mapValues { HMACKey($0.secret) }
    }

    /// The environment variable naming the key file.
    public static let environmentVariable = "DCS_STATION_KEYS"

    public func key(_ keyID: String) -> StationKey? { keys[keyID] }

    /// The prepared HMAC of the key `keyID`.
    func mac(_ keyID: String) -> HMACKey? { macs[keyID] }

    /// The key `station` signs with at `date`: among its keys not yet retired, the one retired
    /// last (a key without `not_after` counts as never retired), the higher key id on a tie — so a
    /// station in the middle of a rotation moves to its new key as soon as the file holds it.
    public func signingKey(for station: StationID, at date: Date = Date()) -> StationKey? {
        keys.values
            .filter { $0.stationID == station && ($0.notAfter.map { $0 > date } ?? true) }
            .max { ($0.notAfter ?? .distantFuture, $0.keyID) < ($1.notAfter ?? .distantFuture, $1.keyID) }
    }

    /// Reads a key file.
    public static func load(contentsOf url: URL) throws(StationKeyError) -> StationKeyRegistry {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw StationKeyError(code: .fileUnreadable, message: "cannot read the key file \(url.path): \(error.localizedDescription)")
        }
        return try parse(data)
    }

    /// Parses the JSON form; every entry must be complete and its secret at least 32 bytes.
    public static func parse(_ data: Data) throws(StationKeyError) -> StationKeyRegistry {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let entries = root["keys"] as? [[String: Any]] else {
            throw StationKeyError(code: .malformed, message: "a key file is a JSON object with a \"keys\" array")
        }
        var keys: [StationKey] = []
        for (index, entry) in entries.enumerated() {
            guard let keyID = entry["key_id"] as? String, !keyID.isEmpty,
                  let station = (entry["station_id"] as? String).flatMap(StationID.init(rawValue:)),
                  let wardTexts = entry["wards"] as? [String], !wardTexts.isEmpty,
                  let secretText = entry["secret_base64"] as? String, let secret = Data(base64Encoded: secretText)
            else {
                throw StationKeyError(code: .malformed, message: "keys[\(index)] needs key_id, station_id, wards and secret_base64")
            }
            let wards = wardTexts.compactMap(WardCode.init(rawValue:))
            guard wards.count == wardTexts.count else { throw StationKeyError(code: .malformed, message: "keys[\(index)] has an invalid ward code") }
            guard secret.count >= 32 else { throw StationKeyError(code: .weakSecret, message: "key \(keyID): the secret must be at least 32 bytes") }
            var notAfter: Date?
            if let text = entry["not_after"] as? String {
                guard let date = RFC3339.date(from: text) else { throw StationKeyError(code: .malformed, message: "key \(keyID): not_after is not an RFC 3339 time") }
                notAfter = date
            }
            keys.append(StationKey(keyID: keyID, stationID: station, wards: Set(wards), secret: Array(secret), notAfter: notAfter))
        }
        return StationKeyRegistry(keys: keys)
    }

    /// The JSON form (for `dcs up`, which issues demo keys at start and hands them to both sides).
    public func jsonData() -> Data {
        let entries: [[String: Any]] = keys.values.sorted { $0.keyID < $1.keyID }.map { key in
            var entry: [String: Any] = [
                "key_id": key.keyID, "station_id": key.stationID.rawValue, "wards": key.wards.map(\.rawValue).sorted(),
                "secret_base64": Data(key.secret).base64EncodedString(),
            ]
            if let notAfter = key.notAfter { entry["not_after"] = RFC3339.string(from: notAfter) }
            return entry
        }
        return (try? JSONSerialization.data(withJSONObject: ["keys": entries], options: [.prettyPrinted, .sortedKeys])) ?? Data()
    }
}

/// Why a key file cannot be used.
public struct StationKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case fileUnreadable = "station_keys.file_unreadable"
        case malformed = "station_keys.malformed"
        case weakSecret = "station_keys.weak_secret"
    }

    public let code: Code
    public let message: String

    public var description: String { "\(code.rawValue): \(message)" }
}
