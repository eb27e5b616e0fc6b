/// A schema document that cannot be compiled: unknown keyword, wrong keyword value, invalid regular
/// expression, unresolvable `$ref`... Compiling is strict so that "the schemas compile" means something.
public struct SchemaCompileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable codes, safe to match on and to count in metrics.
    public enum Code: String, Sendable, Equatable, CaseIterable {
        /// The document is not JSON.
        case malformedJSON = "schema.malformed_json"
        /// A schema is neither an object nor a boolean.
        case notASchema = "schema.not_a_schema"
        /// A keyword outside the supported draft 2020-12 subset (often a typo).
        case unknownKeyword = "schema.unknown_keyword"
        /// A keyword whose value has the wrong type or range.
        case invalidKeywordValue = "schema.invalid_keyword_value"
        /// A `pattern` or `patternProperties` key that is not a valid regular expression.
        case invalidPattern = "schema.invalid_pattern"
        /// A `format` this validator does not know.
        case unknownFormat = "schema.unknown_format"
        /// A `$ref` that is not local (`#...`).
        case unsupportedRef = "schema.unsupported_ref"
        /// A local `$ref` that designates nothing, or something that is not a schema.
        case unresolvableRef = "schema.unresolvable_ref"
        /// A `$schema` other than draft 2020-12.
        case unsupportedDialect = "schema.unsupported_dialect"
    }

    /// What went wrong.
    public let code: Code
    /// JSON pointer, inside the schema document, of the fault (`""` is the root).
    public let pointer: String
    /// A clear English explanation.
    public let message: String

    public init(code: Code, pointer: String, message: String) {
        self.code = code
        self.pointer = pointer
        self.message = message
    }

    public var description: String { "\(code.rawValue) at '\(pointer)': \(message)" }
}
