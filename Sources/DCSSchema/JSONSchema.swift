import Foundation

/// A compiled JSON Schema (a practical draft 2020-12 subset) ready to validate many values.
///
/// Compile once (at start-up, from the topic catalogue), then call ``validate(_:)`` for every
/// message: regular expressions and `$ref` targets are resolved at compile time.
///
/// Supported keywords: `type`, `properties`, `required`, `additionalProperties`,
/// `patternProperties`, `propertyNames`, `minProperties`, `maxProperties`, `items`, `prefixItems`,
/// `minItems`, `maxItems`, `uniqueItems`, `enum`, `const`, `minLength`, `maxLength`, `pattern`,
/// `format` (`date-time`, `date`, `uuid`, `email`; asserted), `minimum`, `maximum`,
/// `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf`, `allOf`, `anyOf`, `oneOf`, `not`,
/// `if`/`then`/`else`, local `$ref`, `$defs`, and the annotations `$schema`, `$id`, `title`,
/// `description`, `examples`, `default`, `$comment`. Any other keyword is a compile error.
public struct JSONSchema: Sendable {
    let root: SchemaNode
    let nodes: [String: SchemaNode]

    /// The schema document as given.
    public let document: JSONValue

    /// The document's `$id`, if any.
    public var id: String? { document["$id"]?.stringValue }

    /// The document's `title`, if any.
    public var title: String? { document["title"]?.stringValue }

    /// Compiles a schema document.
    public init(_ document: JSONValue) throws(SchemaCompileError) {
        var compiler = SchemaCompiler(document: document)
        root = try compiler.compileDocument()
        nodes = compiler.nodes
        self.document = document
    }

    /// Parses and compiles a schema document from JSON text.
    public init(data: Data) throws(SchemaCompileError) {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: data)
        } catch {
            throw SchemaCompileError(code: .malformedJSON, pointer: "", message: "schema is not valid JSON: \(error.message)")
        }
        try self.init(value)
    }

    /// Every way in which `value` fails this schema; empty when it is valid.
    public func validate(_ value: JSONValue) -> [SchemaViolation] {
        var validator = SchemaValidator(nodes: nodes)
        // Valid values (nearly all) take the walk that builds nothing; only a failure is explained.
        if validator.conforms(root, value) { return [] }
        var out: [SchemaViolation] = []
        validator.validate(root, value, "", into: &out)
        return out
    }

    /// `true` when `value` satisfies this schema.
    public func isValid(_ value: JSONValue) -> Bool {
        var validator = SchemaValidator(nodes: nodes)
        return validator.conforms(root, value)
    }
}
