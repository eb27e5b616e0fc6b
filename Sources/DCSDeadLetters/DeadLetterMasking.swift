import DCSMessages
import DCSSchema
import Foundation

/// Masks personal data in everything the dead-letter tools print.
///
/// A payload value is personal when its key (at any depth) is in ``personalKeys`` or ends with one
/// of ``personalKeySuffixes``; everything below such a key is masked (objects and arrays leaf by
/// leaf). As a second line of defence, any string that looks like an ID, phone, account or card
/// number (9 or more digits, spaces, dots, dashes or a leading `+` aside) is masked wherever it is.
/// A masked text keeps at most its last 2 characters (none when shorter than 6); numbers and
/// booleans become `"***"`.
///
/// Original bytes are never printed as such: a value that is not a JSON object is withheld (only
/// its size is shown), the key is shown only when it is a keyed hash (`hmac:`), and header values
/// only for the fleet's own non-personal headers.
public enum DeadLetterMasking {
    /// Keys whose values are always masked.
    public static let personalKeys: Set<String> = [
        "id_number", "citizen_id", "cccd", "passport_number",
        "full_name", "name", "holder_name", "account_holders",
        "birth_date", "date_of_birth",
        "phone_number", "contact_phone", "phone", "msisdn",
        "account_number", "card_number", "cvv", "pin", "otp",
        "icd10_code", "diagnosis",
        "face_match_score", "face_image", "chip", "signature",
        "qr_payload",
        "postal_address", "address", "location", "email",
        "description",
    ]

    /// Key endings whose values are always masked (e.g. `patient_id_number`, `household_head_id_number`).
    public static let personalKeySuffixes: [String] = [
        "_id_number", "_full_name", "_name", "_birth_date", "_phone_number", "_phone",
        "_account_number", "_card_number", "_address", "_icd10_code",
    ]

    /// Headers whose values are shown in clear (identifiers of the fleet, not of citizens).
    public static let clearHeaders: Set<String> = Set(MessageHeaderName.all).union(ReplayHeaderName.all)

    /// Whether a payload key holds personal data.
    public static func isPersonal(key: String) -> Bool {
        let k = key.lowercased()
        return personalKeys.contains(k) || personalKeySuffixes.contains { k.hasSuffix($0) }
    }

    /// Masks a text, keeping at most its last 2 characters (none when shorter than 6).
    public static func mask(_ text: String) -> String {
        let keep = text.count >= 6 ? 2 : 0
        return String(repeating: "*", count: max(4, text.count - keep)) + String(text.suffix(keep))
    }

    /// Whether a string looks like an ID, phone, account or card number.
    public static func looksLikePersonalNumber(_ text: String) -> Bool {
        var digits = 0
        for (i, c) in text.enumerated() {
            if c.isASCII, c.isNumber { digits += 1 } else if c == " " || c == "-" || c == "." || (c == "+" && i == 0) { continue } else { return false }
        }
        return digits >= 9
    }

    /// The JSON value with every personal field masked.
    public static func masked(_ value: JSONValue, personal: Bool = false) -> JSONValue {
        switch value {
        case .object(let fields):
            var out: [String: JSONValue] = [:]
            for (key, field) in fields { out[key] = masked(field, personal: personal || isPersonal(key: key)) }
            return .object(out)
        case .array(let items):
            return .array(items.map { masked($0, personal: personal) })
        case .string(let text):
            return personal || looksLikePersonalNumber(text) ? .string(mask(text)) : value
        case .integer, .number, .bool:
            return personal ? .string("***") : value
        case .null:
            return value
        }
    }

    /// A printable, masked form of an original record's value: the JSON object with personal fields
    /// masked, or a placeholder with the size when it is not a JSON object.
    public static func maskedValue(_ data: Data?) -> JSONValue {
        guard let data else { return .null }
        if let json = try? JSONValue(parsing: data), json.objectValue != nil { return masked(json) }
        return .string("<withheld: \(data.count) bytes, not a JSON object>")
    }

    /// A printable form of an original record's key: keyed hashes as they are, anything else masked.
    public static func maskedKey(_ data: Data?) -> String? {
        guard let data else { return nil }
        guard let text = String(data: data, encoding: .utf8) else { return "<withheld: \(data.count) bytes>" }
        return text.hasPrefix("hmac:") ? text : mask(text)
    }

    /// A printable form of a header value: the fleet's own headers in clear, others masked.
    public static func maskedHeaderValue(key: String, value: Data?) -> String? {
        guard let value else { return nil }
        guard let text = String(data: value, encoding: .utf8) else { return "<withheld: \(value.count) bytes>" }
        return clearHeaders.contains(key) && !looksLikePersonalNumber(text) ? text : mask(text)
    }
}
