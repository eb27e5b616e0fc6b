/// A commune-level unit code: exactly 5 digits (e.g. `27097` Binh Trung, `26740` Sai Gon).
///
/// Always the station's location, never derived from a citizen's ID number.
public struct WardCode: Sendable, Hashable, Codable, CustomStringConvertible, RawRepresentable {
    /// The five digits.
    public let rawValue: String

    /// Validates a ward code.
    public init(_ text: String) throws(IdentifierError) {
        let b = Array(text.utf8)
        guard b.count == 5, b.allSatisfy(ASCII.isDigit) else {
            throw IdentifierError(code: .invalidWardCode, value: text, message: "invalid ward code '\(text)': must be exactly 5 digits")
        }
        rawValue = text
    }

    /// Non-throwing form for `RawRepresentable`; `nil` when invalid.
    public init?(rawValue: String) {
        guard let v = try? Self(rawValue) else { return nil }
        self = v
    }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        do { try self.init(text) } catch { throw DecodingError.dataCorruptedError(in: c, debugDescription: error.message) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}
