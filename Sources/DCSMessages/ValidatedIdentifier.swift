/// A string identifier that is valid by construction (ward code, station id, service id): the
/// throwing initialiser says why a text is not one, and decoding refuses invalid values with
/// that message.
public protocol ValidatedIdentifier: Sendable, Hashable, Codable, CustomStringConvertible, RawRepresentable
where RawValue == String {
    /// Validates `text`, throwing a typed error that names the problem.
    init(_ text: String) throws(IdentifierError)
}

extension ValidatedIdentifier {
    /// Non-throwing form for `RawRepresentable`; `nil` when invalid.
    public init?(rawValue: String) {
        guard let valid = try? Self(rawValue) else { return nil }
        self = valid
    }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { try self.init(text) } catch { throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
