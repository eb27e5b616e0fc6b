/// A service id, ward code or station id that does not have the required shape.
public struct IdentifierError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable codes, safe to match on and to count in metrics.
    public enum Code: String, Sendable, Equatable, CaseIterable {
        case invalidServiceID = "identifier.invalid_service_id"
        case invalidWardCode = "identifier.invalid_ward_code"
        case invalidStationID = "identifier.invalid_station_id"
    }

    /// Which identifier was wrong.
    public let code: Code
    /// The rejected text (identifiers carry no personal data, so it is safe to log).
    public let value: String
    /// A clear English explanation.
    public let message: String

    public init(code: Code, value: String, message: String) {
        self.code = code
        self.value = value
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}

/// ASCII character tests shared by the identifier parsers (no regex: they run for every message).
enum ASCII {
    static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    static func isLower(_ c: UInt8) -> Bool { c >= 97 && c <= 122 }
    static func isUpper(_ c: UInt8) -> Bool { c >= 65 && c <= 90 }
}
