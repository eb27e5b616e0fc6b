import Crypto
import DCSSchema
import Foundation

/// Field-by-field encryption of the sensitive values of a request payload (ID numbers, account and
/// card numbers, health conditions), so that request, retry and dead-letter topics never hold them
/// in clear (Law 91/2025). AES-256-GCM from swift-crypto, one key ring per category, key ids for
/// rotation.
///
/// An encrypted value stays a JSON string: `enc:v1:<key id>:<base64 of nonce ‖ ciphertext ‖ tag>`.
/// The field name and the request id are bound as associated data, so a ciphertext cannot be moved
/// to another field or another request unnoticed. Keys come from a key file (``FieldKeyRing``),
/// never from code.
public struct FieldCipher: Sendable {
    /// Field names whose values are encrypted, at any depth (objects inside arrays included).
    public static let sensitiveNames: Set<String> = ["id_number", "account_number", "card_number", "icd10_code", "qr_payload"]
    /// Field name endings that are encrypted too (`patient_id_number`, `household_head_id_number`...).
    public static let sensitiveSuffixes: [String] = ["_id_number", "_account_number", "_card_number"]

    public static let prefix = "enc:v1:"

    public let keys: FieldKeyRing

    public init(keys: FieldKeyRing) {
        self.keys = keys
    }

    /// Whether a field of this name is encrypted.
    public static func isSensitive(_ name: String) -> Bool {
        isSensitive(utf8: name.utf8)
    }

    /// ``isSensitive(_:)`` on a name's UTF-8 bytes, without making a string of it: every member
    /// name of every answer is asked (as strings, 2.5 % of a signed request's CPU). Inlinable, so
    /// each caller gets it specialised for its collection.
    @inlinable
    public static func isSensitive(utf8 name: some Collection<UInt8>) -> Bool {
        sensitiveNameBytes.contains { $0.count == name.count && name.elementsEqual($0) }
            || sensitiveSuffixBytes.contains { $0.count <= name.count && name.suffix($0.count).elementsEqual($0) }
    }

    @usableFromInline static let sensitiveNameBytes = sensitiveNames.map { Array($0.utf8) }
    @usableFromInline static let sensitiveSuffixBytes = sensitiveSuffixes.map { Array($0.utf8) }

    /// The payload with every sensitive string value encrypted under the category's current key.
    public func encrypt(_ payload: [String: JSONValue], category: ServiceCategory, requestID: UUID) throws(FieldCipherError) -> [String: JSONValue] {
        guard let key = keys.current(for: category) else {
            throw FieldCipherError(code: .noKey, message: "no field key for the \(category.rawValue) category")
        }
        return try transform(payload) { name, text throws(FieldCipherError) in
            guard !text.hasPrefix(Self.prefix) else { return text }
            do {
                let sealed = try AES.GCM.seal(Data(text.utf8), using: SymmetricKey(data: key.secret),
                                              authenticating: Self.associatedData(name: name, requestID: requestID))
                guard let combined = sealed.combined else { throw FieldCipherError(code: .encryptionFailed, message: "no combined form") }
                return Self.prefix + key.keyID + ":" + combined.base64EncodedString()
            } catch let error as FieldCipherError {
                throw error
            } catch {
                throw FieldCipherError(code: .encryptionFailed, message: "\(name): \(error)")
            }
        }
    }

    /// The payload with every encrypted value decrypted. A sensitive field left in clear is
    /// refused when `requireEncrypted` is set (a station that forgot to encrypt).
    public func decrypt(_ payload: [String: JSONValue], category: ServiceCategory, requestID: UUID, requireEncrypted: Bool = true) throws(FieldCipherError) -> [String: JSONValue] {
        try transform(payload) { name, text throws(FieldCipherError) in
            guard text.hasPrefix(Self.prefix) else {
                if requireEncrypted { throw FieldCipherError(code: .notEncrypted, message: "field '\(name)' is sensitive and came in clear") }
                return text
            }
            let rest = text.dropFirst(Self.prefix.count)
            guard let colon = rest.firstIndex(of: ":") else { throw FieldCipherError(code: .malformed, message: "field '\(name)' is not enc:v1:<key id>:<data>") }
            let keyID = String(rest[..<colon])
            guard let key = keys.key(keyID, for: category) else {
                throw FieldCipherError(code: .unknownKey, message: "field '\(name)' uses key '\(keyID)', not one of the \(category.rawValue) keys")
            }
            guard let combined = Data(base64Encoded: String(rest[rest.index(after: colon)...])),
                  let box = try? AES.GCM.SealedBox(combined: combined),
                  let clear = try? AES.GCM.open(box, using: SymmetricKey(data: key.secret), authenticating: Self.associatedData(name: name, requestID: requestID)),
                  let string = String(data: clear, encoding: .utf8)
            else {
                throw FieldCipherError(code: .authenticationFailed, message: "field '\(name)' does not decrypt with key '\(keyID)'")
            }
            return string
        }
    }

    static func associatedData(name: String, requestID: UUID) -> Data {
        Data("dcs-field-v1|\(requestID.lowercasedString)|\(name)".utf8)
    }

    private func transform(
        _ object: [String: JSONValue], _ change: (String, String) throws(FieldCipherError) -> String
    ) throws(FieldCipherError) -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        for (name, value) in object { out[name] = try transform(value, name: name, change) }
        return out
    }

    private func transform(
        _ value: JSONValue, name: String, _ change: (String, String) throws(FieldCipherError) -> String
    ) throws(FieldCipherError) -> JSONValue {
        switch value {
        case .string(let text) where Self.isSensitive(name): return .string(try change(name, text))
        case .object(let object): return .object(try transform(object, change))
        case .array(let items):
            var out: [JSONValue] = []
            for item in items { out.append(try transform(item, name: name, change)) }
            return .array(out)
        default: return value
        }
    }
}

/// Why a payload could not be encrypted or decrypted.
public struct FieldCipherError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case noKey = "fields.no_key"
        case unknownKey = "fields.unknown_key"
        case malformed = "fields.malformed"
        case authenticationFailed = "fields.authentication_failed"
        case notEncrypted = "fields.not_encrypted"
        case encryptionFailed = "fields.encryption_failed"
    }

    public let code: Code
    public let message: String

    public var description: String { "\(code.rawValue): \(message)" }
}
