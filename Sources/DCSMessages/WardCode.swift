/// A commune-level unit code: exactly 5 digits (e.g. `27097` Binh Trung, `26740` Sai Gon).
///
/// Always the station's location, never derived from a citizen's ID number.
public struct WardCode: ValidatedIdentifier {
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

}
