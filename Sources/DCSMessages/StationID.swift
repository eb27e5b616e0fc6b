/// A kiosk's identifier, e.g. `ST-27097-01`: 3 to 64 characters of `A-Z`, `0-9` and `-`, not starting
/// with `-` (`^[A-Z0-9][A-Z0-9-]{2,63}$`).
public struct StationID: ValidatedIdentifier {
    /// The identifier as on the wire.
    public let rawValue: String

    /// Validates a station id.
    public init(_ text: String) throws(IdentifierError) {
        let b = Array(text.utf8)
        guard (3...64).contains(b.count), let first = b.first, first != 45,
              b.allSatisfy({ ASCII.isUpper($0) || ASCII.isDigit($0) || $0 == 45 })
        else {
            throw IdentifierError(code: .invalidStationID, value: text, message: "invalid station id '\(text)': must be 3-64 characters of A-Z, 0-9 and '-', not starting with '-'")
        }
        rawValue = text
    }

}
