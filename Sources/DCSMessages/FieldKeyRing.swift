import Foundation

/// The AES-256 keys of the field encryption, per category, loaded from a JSON file (path in
/// `DCS_FIELD_KEYS` or a flag), never compiled in:
///
/// ```json
/// {"keys": [{"key_id": "health-2026a", "category": "health", "secret_base64": "…32 bytes…", "current": true}]}
/// ```
///
/// Workers hold every key of their category (old ones decrypt requests still in flight after a
/// rotation); a station holds the current key of each category.
public struct FieldKeyRing: Sendable, Equatable {
    public struct Key: Sendable, Equatable {
        public let keyID: String
        public let category: ServiceCategory
        /// 32 bytes (AES-256).
        public let secret: [UInt8]
        /// The key new encryptions use; one per category.
        public let isCurrent: Bool

        public init(keyID: String, category: ServiceCategory, secret: [UInt8], isCurrent: Bool) {
            self.keyID = keyID
            self.category = category
            self.secret = secret
            self.isCurrent = isCurrent
        }
    }

    public static let environmentVariable = "DCS_FIELD_KEYS"

    public let keys: [Key]

    public init(keys: [Key]) {
        self.keys = keys
    }

    /// The key new encryptions of `category` use.
    public func current(for category: ServiceCategory) -> Key? {
        keys.last { $0.category == category && $0.isCurrent }
    }

    /// A key of `category` by id (a key of another category never decrypts its fields).
    public func key(_ keyID: String, for category: ServiceCategory) -> Key? {
        keys.first { $0.keyID == keyID && $0.category == category }
    }

    /// One fresh random key per category (for `dcs up` and tests; production keys come from a file).
    public static func generate(suffix: String = "demo") -> FieldKeyRing {
        var generator = SystemRandomNumberGenerator()
        return FieldKeyRing(keys: ServiceCategory.allCases.map { category in
            Key(keyID: "\(category.rawValue)-\(suffix)", category: category,
                secret: (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }, isCurrent: true)
        })
    }

    /// Reads a key file.
    public static func load(contentsOf url: URL) throws(FieldCipherError) -> FieldKeyRing {
        guard let data = try? Data(contentsOf: url) else { throw FieldCipherError(code: .noKey, message: "cannot read the field key file \(url.path)") }
        return try parse(data)
    }

    public static func parse(_ data: Data) throws(FieldCipherError) -> FieldKeyRing {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let entries = root["keys"] as? [[String: Any]] else {
            throw FieldCipherError(code: .malformed, message: "a field key file is a JSON object with a \"keys\" array")
        }
        var keys: [Key] = []
        for (index, entry) in entries.enumerated() {
            guard let keyID = entry["key_id"] as? String, !keyID.isEmpty, !keyID.contains(":"),
                  let category = (entry["category"] as? String).flatMap(ServiceCategory.init(rawValue:)),
                  let secret = (entry["secret_base64"] as? String).flatMap({ Data(base64Encoded: $0) }), secret.count == 32
            else {
                throw FieldCipherError(code: .malformed, message: "keys[\(index)] needs key_id (no ':'), category and a 32-byte secret_base64")
            }
            keys.append(Key(keyID: keyID, category: category, secret: Array(secret), isCurrent: entry["current"] as? Bool ?? false))
        }
        return FieldKeyRing(keys: keys)
    }
}
