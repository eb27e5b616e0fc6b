import DCSSchema

/// Why bytes read from a topic could not be turned into an envelope. The ``code`` feeds the
/// dead-letter `reason_code`; the violations say exactly what was wrong.
public struct EnvelopeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable codes, safe to match on and to count in metrics.
    public enum Code: String, Sendable, Equatable, CaseIterable {
        /// The bytes are not JSON (or not a JSON object).
        case malformedJSON = "envelope.malformed_json"
        /// The JSON does not satisfy the topic's schema.
        case schemaViolation = "envelope.schema_violation"
        /// The `schema_version` is one this code does not read.
        case unsupportedSchemaVersion = "envelope.unsupported_schema_version"
        /// A field is missing or has an invalid value (caught while decoding, or an inconsistent
        /// combination such as a failed result without an error).
        case invalidField = "envelope.invalid_field"
    }

    /// What went wrong.
    public let code: Code
    /// A clear English explanation.
    public let message: String
    /// The schema violations, for ``Code/schemaViolation``.
    public let violations: [SchemaViolation]
    /// The offending field (dotted path), when known.
    public let field: String?

    public init(code: Code, message: String, violations: [SchemaViolation] = [], field: String? = nil) {
        self.code = code
        self.message = message
        self.violations = violations
        self.field = field
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
