import Foundation

/// A JSON text that could not be parsed.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable code for logs and metrics.
    public static let code = "json.malformed"
    /// What the parser reported.
    public let message: String

    public init(message: String) { self.message = message }

    public var description: String { "\(Self.code): \(message)" }
}
