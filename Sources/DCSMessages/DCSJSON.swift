import DCSSchema
import Foundation

/// The JSON coders every DCS component uses, so that all messages look alike on the wire.
///
/// Keys are snake_case through explicit `CodingKeys` (no key strategy: faster and greppable);
/// dates are RFC 3339 with milliseconds in UTC on output, and any RFC 3339 form on input.
public enum DCSJSON {
    /// An encoder with sorted keys (stable, diffable output for kcat) and RFC 3339 dates.
    public static func makeEncoder(prettyPrinted: Bool = false) -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = prettyPrinted ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(RFC3339.string(from: date))
        }
        return e
    }

    /// A decoder that reads RFC 3339 dates with or without fractional seconds and with any offset.
    public static func makeDecoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .custom { decoder in
            let c = try decoder.singleValueContainer()
            let text = try c.decode(String.self)
            guard let date = RFC3339.date(from: text) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(text)' is not an RFC 3339 date-time")
            }
            return date
        }
        return d
    }
}

/// Date coding shared by the envelopes' own `Codable` implementations, so that their wire form does
/// not depend on which coder the caller configured.
extension KeyedDecodingContainer {
    func decodeRFC3339(forKey key: Key) throws -> Date {
        let text = try decode(String.self, forKey: key)
        guard let date = RFC3339.date(from: text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "'\(text)' is not an RFC 3339 date-time")
        }
        return date
    }

    func decodeRFC3339IfPresent(forKey key: Key) throws -> Date? {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let date = RFC3339.date(from: text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "'\(text)' is not an RFC 3339 date-time")
        }
        return date
    }

    func decodeLowercaseUUID(forKey key: Key) throws -> UUID {
        let text = try decode(String.self, forKey: key)
        guard let id = UUID(uuidString: text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "'\(text)' is not a UUID")
        }
        return id
    }

    func decodeLowercaseUUIDIfPresent(forKey key: Key) throws -> UUID? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decodeLowercaseUUID(forKey: key)
    }
}

extension KeyedEncodingContainer {
    mutating func encodeRFC3339(_ date: Date, forKey key: Key) throws {
        try encode(RFC3339.string(from: date), forKey: key)
    }

    mutating func encodeLowercase(_ id: UUID, forKey key: Key) throws {
        try encode(id.lowercasedString, forKey: key)
    }
}
