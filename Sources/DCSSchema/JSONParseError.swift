import Foundation

/// A JSON text that could not be parsed.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable code for logs and metrics.
    public static let code = "json.malformed"
    /// What the parser reported.
    public let message: String

    public init(message: String) { self.message = message }

    public var description: String { "\(Self.code): \(message)" }

    static func describe(_ error: any Error) -> String {
        if let e = error as? DecodingError {
            switch e {
            case .dataCorrupted(let ctx): return underlyingText(ctx)
            case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx), .keyNotFound(_, let ctx): return underlyingText(ctx)
            @unknown default: return "\(e)"
            }
        }
        return "\(error)"
    }

    private static func underlyingText(_ ctx: DecodingError.Context) -> String {
        if let u = ctx.underlyingError { return "\(ctx.debugDescription) (\(u.localizedDescription))" }
        return ctx.debugDescription
    }
}
