import Foundation

/// One compiled (sub)schema. Immutable once built, so a compiled schema is shared freely between
/// concurrent validations.
final class SchemaNode: Sendable {
    /// JSON pointer of this schema inside its document, the prefix of violation schema paths.
    let pointer: String
    /// Set for the boolean schemas `true` / `false`.
    let boolean: Bool?

    let types: Set<String>?
    /// `types` as bits (``SchemaNode/typeBit(_:)``): checked for nearly every node of every
    /// message, where hashing the type names cost more than the rest of the check.
    let typeBits: UInt8
    let properties: [String: SchemaNode]
    let required: [String]
    let additionalProperties: SchemaNode?
    let patternProperties: [(CompiledPattern, SchemaNode)]
    let minProperties: Int?
    let maxProperties: Int?
    let propertyNames: SchemaNode?

    let prefixItems: [SchemaNode]
    let items: SchemaNode?
    let minItems: Int?
    let maxItems: Int?
    let uniqueItems: Bool

    let enumValues: [JSONValue]?
    let constValue: JSONValue?

    let minLength: Int?
    let maxLength: Int?
    let pattern: CompiledPattern?
    let format: SchemaFormat?

    let minimum: Double?
    let maximum: Double?
    let exclusiveMinimum: Double?
    let exclusiveMaximum: Double?
    let multipleOf: JSONValue?

    let allOf: [SchemaNode]
    let anyOf: [SchemaNode]
    let oneOf: [SchemaNode]
    let not: SchemaNode?
    let ifSchema: SchemaNode?
    let thenSchema: SchemaNode?
    let elseSchema: SchemaNode?

    /// Pointer (without `#`) of the `$ref` target, looked up in the schema's table at validation.
    let ref: String?

    init(pointer: String, boolean: Bool) {
        self.pointer = pointer
        self.boolean = boolean
        types = nil; typeBits = 0; properties = [:]; required = []; additionalProperties = nil; patternProperties = []
        minProperties = nil; maxProperties = nil; propertyNames = nil
        prefixItems = []; items = nil; minItems = nil; maxItems = nil; uniqueItems = false
        enumValues = nil; constValue = nil; minLength = nil; maxLength = nil; pattern = nil; format = nil
        minimum = nil; maximum = nil; exclusiveMinimum = nil; exclusiveMaximum = nil; multipleOf = nil
        allOf = []; anyOf = []; oneOf = []; not = nil; ifSchema = nil; thenSchema = nil; elseSchema = nil
        ref = nil
    }

    init(pointer: String, builder b: Builder) {
        self.pointer = pointer
        boolean = nil
        types = b.types; typeBits = b.types?.reduce(0) { $0 | Self.typeBit($1) } ?? 0; properties = b.properties; required = b.required
        additionalProperties = b.additionalProperties; patternProperties = b.patternProperties
        minProperties = b.minProperties; maxProperties = b.maxProperties; propertyNames = b.propertyNames
        prefixItems = b.prefixItems; items = b.items; minItems = b.minItems; maxItems = b.maxItems
        uniqueItems = b.uniqueItems
        enumValues = b.enumValues; constValue = b.constValue
        minLength = b.minLength; maxLength = b.maxLength; pattern = b.pattern; format = b.format
        minimum = b.minimum; maximum = b.maximum; exclusiveMinimum = b.exclusiveMinimum
        exclusiveMaximum = b.exclusiveMaximum; multipleOf = b.multipleOf
        allOf = b.allOf; anyOf = b.anyOf; oneOf = b.oneOf; not = b.not
        ifSchema = b.ifSchema; thenSchema = b.thenSchema; elseSchema = b.elseSchema
        ref = b.ref
    }

    /// Mutable staging area filled keyword by keyword by the compiler.
    /// The bits of ``typeBits``, one per JSON Schema type name.
    enum TypeBit {
        static let null: UInt8 = 1, boolean: UInt8 = 2, string: UInt8 = 4, array: UInt8 = 8
        static let object: UInt8 = 16, integer: UInt8 = 32, number: UInt8 = 64
    }

    /// The bit of one type name (the compiler accepts only the seven).
    static func typeBit(_ name: String) -> UInt8 {
        switch name {
        case "null": TypeBit.null
        case "boolean": TypeBit.boolean
        case "string": TypeBit.string
        case "array": TypeBit.array
        case "object": TypeBit.object
        case "integer": TypeBit.integer
        case "number": TypeBit.number
        default: 0
        }
    }

    struct Builder {
        var types: Set<String>?
        var properties: [String: SchemaNode] = [:]
        var required: [String] = []
        var additionalProperties: SchemaNode?
        var patternProperties: [(CompiledPattern, SchemaNode)] = []
        var minProperties: Int?
        var maxProperties: Int?
        var propertyNames: SchemaNode?
        var prefixItems: [SchemaNode] = []
        var items: SchemaNode?
        var minItems: Int?
        var maxItems: Int?
        var uniqueItems = false
        var enumValues: [JSONValue]?
        var constValue: JSONValue?
        var minLength: Int?
        var maxLength: Int?
        var pattern: CompiledPattern?
        var format: SchemaFormat?
        var minimum: Double?
        var maximum: Double?
        var exclusiveMinimum: Double?
        var exclusiveMaximum: Double?
        var multipleOf: JSONValue?
        var allOf: [SchemaNode] = []
        var anyOf: [SchemaNode] = []
        var oneOf: [SchemaNode] = []
        var not: SchemaNode?
        var ifSchema: SchemaNode?
        var thenSchema: SchemaNode?
        var elseSchema: SchemaNode?
        var ref: String?
    }
}
