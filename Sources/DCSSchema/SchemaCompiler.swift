import Foundation

/// Turns a schema document into a tree of ``SchemaNode``s, checking every keyword on the way.
struct SchemaCompiler {
    static let dialect = "https://json-schema.org/draft/2020-12/schema"
    static let knownTypes: Set<String> = ["null", "boolean", "object", "array", "number", "string", "integer"]
    /// Keywords that only annotate: accepted, not checked beyond their JSON type.
    static let annotationKeywords: Set<String> = ["$schema", "$id", "title", "description", "examples", "default", "$comment", "$defs"]

    let document: JSONValue
    /// Every compiled subschema by its pointer, so that `$ref` targets are found without recompiling.
    private(set) var nodes: [String: SchemaNode] = [:]
    /// `$ref` targets seen, with the pointer of the `$ref` keyword for error reporting.
    private var pendingRefs: [(target: String, at: String)] = []

    init(document: JSONValue) {
        self.document = document
    }

    /// Compiles the whole document and resolves every `$ref`.
    mutating func compileDocument() throws(SchemaCompileError) -> SchemaNode {
        let root = try compile(document, at: "")
        var i = 0
        while i < pendingRefs.count {
            let (target, at) = pendingRefs[i]
            i += 1
            if nodes[target] != nil { continue }
            guard let value = JSONPointer.resolve(target, in: document) else {
                throw SchemaCompileError(code: .unresolvableRef, pointer: at, message: "$ref '#\(target)' designates nothing in this document")
            }
            guard value.objectValue != nil || value.boolValue != nil else {
                throw SchemaCompileError(code: .unresolvableRef, pointer: at, message: "$ref '#\(target)' designates a \(value.typeName), not a schema")
            }
            _ = try compile(value, at: target)
        }
        return root
    }

    private mutating func compile(_ value: JSONValue, at pointer: String) throws(SchemaCompileError) -> SchemaNode {
        let node: SchemaNode
        switch value {
        case .bool(let b):
            node = SchemaNode(pointer: pointer, boolean: b)
        case .object(let o):
            node = try compileObject(o, at: pointer)
        default:
            throw SchemaCompileError(code: .notASchema, pointer: pointer, message: "a schema must be an object or a boolean, found \(value.typeName)")
        }
        nodes[pointer] = node
        return node
    }

    // Keys are visited in sorted order so that the first error reported is deterministic.
    private mutating func compileObject(_ o: [String: JSONValue], at pointer: String) throws(SchemaCompileError) -> SchemaNode {
        var b = SchemaNode.Builder()
        for key in o.keys.sorted() {
            let v = o[key]!
            let kp = JSONPointer.append(pointer, key)
            switch key {
            case "$schema":
                let s = try string(v, kp, key)
                guard s.trimmingCharacters(in: CharacterSet(charactersIn: "#")) == Self.dialect else {
                    throw SchemaCompileError(code: .unsupportedDialect, pointer: kp, message: "only draft 2020-12 ('\(Self.dialect)') is supported, found '\(s)'")
                }
            case "$id", "title", "description", "$comment":
                _ = try string(v, kp, key)
            case "examples":
                guard v.arrayValue != nil else { throw invalid(kp, "'examples' must be an array") }
            case "default":
                break
            case "$defs":
                guard let defs = v.objectValue else { throw invalid(kp, "'$defs' must be an object of schemas") }
                for name in defs.keys.sorted() {
                    _ = try compile(defs[name]!, at: JSONPointer.append(kp, name))
                }
            case "$ref":
                let r = try string(v, kp, key)
                guard r.hasPrefix("#") else {
                    throw SchemaCompileError(code: .unsupportedRef, pointer: kp, message: "only local references ('#' or '#/$defs/...') are supported, found '\(r)'")
                }
                let fragment = String(r.dropFirst()).removingPercentEncoding ?? String(r.dropFirst())
                guard fragment.isEmpty || fragment.hasPrefix("/") else {
                    throw SchemaCompileError(code: .unresolvableRef, pointer: kp, message: "'\(r)' is not a JSON pointer fragment")
                }
                b.ref = fragment
                pendingRefs.append((fragment, kp))
            case "type":
                let names: [String]
                if let s = v.stringValue {
                    names = [s]
                } else if let a = v.arrayValue, !a.isEmpty, a.allSatisfy({ $0.stringValue != nil }) {
                    names = a.map { $0.stringValue! }
                } else {
                    throw invalid(kp, "'type' must be a type name or a non-empty array of type names")
                }
                for n in names where !Self.knownTypes.contains(n) {
                    throw invalid(kp, "unknown type '\(n)'; expected one of \(Self.knownTypes.sorted().joined(separator: ", "))")
                }
                guard Set(names).count == names.count else { throw invalid(kp, "'type' lists a type twice") }
                b.types = Set(names)
            case "properties":
                guard let props = v.objectValue else { throw invalid(kp, "'properties' must be an object of schemas") }
                for name in props.keys.sorted() {
                    b.properties[name] = try compile(props[name]!, at: JSONPointer.append(kp, name))
                }
            case "required":
                guard let a = v.arrayValue, a.allSatisfy({ $0.stringValue != nil }) else {
                    throw invalid(kp, "'required' must be an array of property names")
                }
                let names = a.map { $0.stringValue! }
                guard Set(names).count == names.count else { throw invalid(kp, "'required' lists a property twice") }
                b.required = names
            case "additionalProperties":
                b.additionalProperties = try compile(v, at: kp)
            case "patternProperties":
                guard let pats = v.objectValue else { throw invalid(kp, "'patternProperties' must be an object of schemas") }
                for source in pats.keys.sorted() {
                    let pp = JSONPointer.append(kp, source)
                    b.patternProperties.append((try regex(source, pp), try compile(pats[source]!, at: pp)))
                }
            case "propertyNames":
                b.propertyNames = try compile(v, at: kp)
            case "minProperties": b.minProperties = try count(v, kp, key)
            case "maxProperties": b.maxProperties = try count(v, kp, key)
            case "items":
                b.items = try compile(v, at: kp)
            case "prefixItems":
                b.prefixItems = try schemaArray(v, kp, key)
            case "minItems": b.minItems = try count(v, kp, key)
            case "maxItems": b.maxItems = try count(v, kp, key)
            case "uniqueItems":
                guard let u = v.boolValue else { throw invalid(kp, "'uniqueItems' must be a boolean") }
                b.uniqueItems = u
            case "enum":
                guard let a = v.arrayValue, !a.isEmpty else { throw invalid(kp, "'enum' must be a non-empty array") }
                b.enumValues = a
            case "const":
                b.constValue = v
            case "minLength": b.minLength = try count(v, kp, key)
            case "maxLength": b.maxLength = try count(v, kp, key)
            case "pattern":
                b.pattern = try regex(try string(v, kp, key), kp)
            case "format":
                let f = try string(v, kp, key)
                guard let format = SchemaFormat(rawValue: f) else {
                    throw SchemaCompileError(code: .unknownFormat, pointer: kp, message: "unknown format '\(f)'; supported: \(SchemaFormat.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                b.format = format
            case "minimum": b.minimum = try number(v, kp, key)
            case "maximum": b.maximum = try number(v, kp, key)
            case "exclusiveMinimum": b.exclusiveMinimum = try number(v, kp, key)
            case "exclusiveMaximum": b.exclusiveMaximum = try number(v, kp, key)
            case "multipleOf":
                guard let d = v.doubleValue, d > 0 else { throw invalid(kp, "'multipleOf' must be a number greater than 0") }
                b.multipleOf = v
            case "allOf": b.allOf = try schemaArray(v, kp, key)
            case "anyOf": b.anyOf = try schemaArray(v, kp, key)
            case "oneOf": b.oneOf = try schemaArray(v, kp, key)
            case "not": b.not = try compile(v, at: kp)
            case "if": b.ifSchema = try compile(v, at: kp)
            case "then": b.thenSchema = try compile(v, at: kp)
            case "else": b.elseSchema = try compile(v, at: kp)
            default:
                throw SchemaCompileError(code: .unknownKeyword, pointer: kp, message: "unknown keyword '\(key)' (not in the supported draft 2020-12 subset; a typo?)")
            }
        }
        return SchemaNode(pointer: pointer, builder: b)
    }

    private func invalid(_ pointer: String, _ message: String) -> SchemaCompileError {
        SchemaCompileError(code: .invalidKeywordValue, pointer: pointer, message: message)
    }

    private func string(_ v: JSONValue, _ kp: String, _ key: String) throws(SchemaCompileError) -> String {
        guard let s = v.stringValue else { throw invalid(kp, "'\(key)' must be a string, found \(v.typeName)") }
        return s
    }

    private func count(_ v: JSONValue, _ kp: String, _ key: String) throws(SchemaCompileError) -> Int {
        guard let n = v.intValue, n >= 0 else { throw invalid(kp, "'\(key)' must be a non-negative integer, found \(v)") }
        return n
    }

    private func number(_ v: JSONValue, _ kp: String, _ key: String) throws(SchemaCompileError) -> Double {
        guard let d = v.doubleValue else { throw invalid(kp, "'\(key)' must be a number, found \(v.typeName)") }
        return d
    }

    private func regex(_ source: String, _ kp: String) throws(SchemaCompileError) -> CompiledPattern {
        do {
            return try CompiledPattern(source)
        } catch {
            throw SchemaCompileError(code: .invalidPattern, pointer: kp, message: "'\(source)' is not a valid regular expression")
        }
    }

    private mutating func schemaArray(_ v: JSONValue, _ kp: String, _ key: String) throws(SchemaCompileError) -> [SchemaNode] {
        guard let a = v.arrayValue, !a.isEmpty else { throw invalid(kp, "'\(key)' must be a non-empty array of schemas") }
        var out: [SchemaNode] = []
        for (i, s) in a.enumerated() {
            out.append(try compile(s, at: JSONPointer.append(kp, i)))
        }
        return out
    }
}
