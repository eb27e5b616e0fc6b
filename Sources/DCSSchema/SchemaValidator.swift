import Foundation

/// Walks a value against compiled nodes, appending violations.
struct SchemaValidator {
    /// Guards against `$ref` cycles that never consume the instance (`{"$ref": "#"}`).
    static let maxDepth = 256

    let nodes: [String: SchemaNode]
    var depth = 0

    init(nodes: [String: SchemaNode]) {
        self.nodes = nodes
    }

    private mutating func isValid(_ node: SchemaNode, _ value: JSONValue, _ path: String) -> Bool {
        var scratch: [SchemaViolation] = []
        validate(node, value, path, into: &scratch)
        return scratch.isEmpty
    }

    mutating func validate(_ node: SchemaNode, _ value: JSONValue, _ path: String, into out: inout [SchemaViolation]) {
        if let b = node.boolean {
            if !b { out.append(SchemaViolation(instancePath: path, keyword: "false", schemaPath: node.pointer, message: "no value is allowed here")) }
            return
        }
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else {
            out.append(Self.violation(node, path, "$ref", "schema recursion deeper than \(Self.maxDepth) levels (a $ref cycle?)"))
            return
        }

        if let target = node.ref, let refNode = nodes[target] {
            validate(refNode, value, path, into: &out)
        }

        if let types = node.types, !Self.matches(node, value) {
            let expected = types.sorted().joined(separator: " or ")
            out.append(Self.violation(node, path, "type", "expected \(expected), found \(value.typeName)"))
            // Other keywords would only add noise about the same mistake.
            return
        }
        if let c = node.constValue, c != value {
            out.append(Self.violation(node, path, "const", "must be exactly \(Self.short(c))"))
        }
        if let e = node.enumValues, !e.contains(value) {
            out.append(Self.violation(node, path, "enum", "\(Self.short(value)) is not one of \(e.map { Self.short($0) }.joined(separator: ", "))"))
        }

        switch value {
        case .string(let s):
            validateString(node, s, path, &out)
        case .integer, .number:
            validateNumber(node, value, path, &out)
        case .array(let a):
            validateArray(node, a, path, &out)
        case .object(let o):
            validateObject(node, o, path, &out)
        default:
            break
        }

        for sub in node.allOf {
            validate(sub, value, path, into: &out)
        }
        if !node.anyOf.isEmpty {
            var closest: [SchemaViolation]?
            var matched = false
            for sub in node.anyOf {
                var scratch: [SchemaViolation] = []
                validate(sub, value, path, into: &scratch)
                if scratch.isEmpty { matched = true; break }
                if closest == nil || scratch.count < closest!.count { closest = scratch }
            }
            if !matched {
                out.append(Self.violation(node, path, "anyOf", "matches none of the \(node.anyOf.count) alternatives" + Self.hint(closest)))
            }
        }
        if !node.oneOf.isEmpty {
            var matches: [Int] = []
            var closest: [SchemaViolation]?
            for (i, sub) in node.oneOf.enumerated() {
                var scratch: [SchemaViolation] = []
                validate(sub, value, path, into: &scratch)
                if scratch.isEmpty { matches.append(i) } else if closest == nil || scratch.count < closest!.count { closest = scratch }
            }
            if matches.isEmpty {
                out.append(Self.violation(node, path, "oneOf", "matches none of the \(node.oneOf.count) alternatives" + Self.hint(closest)))
            } else if matches.count > 1 {
                out.append(Self.violation(node, path, "oneOf", "matches \(matches.count) alternatives (indexes \(matches.map(String.init).joined(separator: ", "))) but must match exactly one"))
            }
        }
        if let n = node.not, isValid(n, value, path) {
            out.append(Self.violation(node, path, "not", "must not match the schema under 'not'"))
        }
        if let i = node.ifSchema {
            if isValid(i, value, path) {
                if let t = node.thenSchema { validate(t, value, path, into: &out) }
            } else if let e = node.elseSchema {
                validate(e, value, path, into: &out)
            }
        }
    }

    private static func violation(_ node: SchemaNode, _ path: String, _ keyword: String, _ message: String) -> SchemaViolation {
        SchemaViolation(instancePath: path, keyword: keyword, schemaPath: JSONPointer.append(node.pointer, keyword), message: message)
    }

    private static func hint(_ closest: [SchemaViolation]?) -> String {
        guard let first = closest?.first else { return "" }
        return " (closest: \(first.instancePath.isEmpty ? "/" : first.instancePath): \(first.message))"
    }

    static func matches(_ node: SchemaNode, _ value: JSONValue) -> Bool {
        typealias Bit = SchemaNode.TypeBit
        let bits = node.typeBits
        switch value {
        case .null: return bits & Bit.null != 0
        case .bool: return bits & Bit.boolean != 0
        case .string: return bits & Bit.string != 0
        case .array: return bits & Bit.array != 0
        case .object: return bits & Bit.object != 0
        case .integer: return bits & (Bit.integer | Bit.number) != 0
        case .number: return bits & Bit.number != 0 || (bits & Bit.integer != 0 && value.typeName == "integer")
        }
    }

    /// A value quoted for a message, cut short so that a huge payload does not flood logs.
    static func short(_ v: JSONValue) -> String {
        let s = v.jsonString
        return s.count > 60 ? String(s.prefix(57)) + "..." : s
    }

    func validateString(_ node: SchemaNode, _ s: String, _ path: String, _ out: inout [SchemaViolation]) {
        if node.minLength != nil || node.maxLength != nil {
            // JSON Schema counts Unicode code points.
            let n = s.unicodeScalars.count
            if let m = node.minLength, n < m { out.append(Self.violation(node, path, "minLength", "must be at least \(m) characters long, is \(n)")) }
            if let m = node.maxLength, n > m { out.append(Self.violation(node, path, "maxLength", "must be at most \(m) characters long, is \(n)")) }
        }
        if let p = node.pattern, !p.matches(s) {
            out.append(Self.violation(node, path, "pattern", "\(Self.short(.string(s))) does not match the pattern \(p.source)"))
        }
        if let f = node.format, !f.accepts(s) {
            out.append(Self.violation(node, path, "format", "\(Self.short(.string(s))) is not a valid \(f.rawValue)"))
        }
    }

    func validateNumber(_ node: SchemaNode, _ value: JSONValue, _ path: String, _ out: inout [SchemaViolation]) {
        let d = value.doubleValue!
        // Only a violation's message needs the text: serialising every number cost more than checking it.
        var text: String { value.jsonString }
        if let m = node.minimum, d < m { out.append(Self.violation(node, path, "minimum", "\(text) is less than the minimum \(JSONValue.number(m))")) }
        if let m = node.maximum, d > m { out.append(Self.violation(node, path, "maximum", "\(text) is greater than the maximum \(JSONValue.number(m))")) }
        if let m = node.exclusiveMinimum, d <= m { out.append(Self.violation(node, path, "exclusiveMinimum", "\(text) must be greater than \(JSONValue.number(m))")) }
        if let m = node.exclusiveMaximum, d >= m { out.append(Self.violation(node, path, "exclusiveMaximum", "\(text) must be less than \(JSONValue.number(m))")) }
        if let m = node.multipleOf {
            let ok: Bool
            if let a = value.int64Value, let b = m.int64Value {
                ok = a % b == 0  // exact for integers (amounts in VND)
            } else {
                let q = d / m.doubleValue!
                ok = q.isFinite && abs(q - q.rounded()) <= 1e-9 * max(1, abs(q))
            }
            if !ok { out.append(Self.violation(node, path, "multipleOf", "\(text) is not a multiple of \(m)")) }
        }
    }

    private mutating func validateArray(_ node: SchemaNode, _ a: [JSONValue], _ path: String, _ out: inout [SchemaViolation]) {
        if let m = node.minItems, a.count < m { out.append(Self.violation(node, path, "minItems", "must have at least \(m) items, has \(a.count)")) }
        if let m = node.maxItems, a.count > m { out.append(Self.violation(node, path, "maxItems", "must have at most \(m) items, has \(a.count)")) }
        if node.uniqueItems {
            var seen = Set<JSONValue>()
            for (i, v) in a.enumerated() where !seen.insert(v).inserted {
                out.append(Self.violation(node, path, "uniqueItems", "item \(i) repeats an earlier item"))
                break
            }
        }
        for (i, v) in a.enumerated() {
            if i < node.prefixItems.count {
                validate(node.prefixItems[i], v, JSONPointer.append(path, i), into: &out)
            } else if let items = node.items {
                validate(items, v, JSONPointer.append(path, i), into: &out)
            }
        }
    }

    private mutating func validateObject(_ node: SchemaNode, _ o: [String: JSONValue], _ path: String, _ out: inout [SchemaViolation]) {
        for name in node.required where o[name] == nil {
            out.append(SchemaViolation(instancePath: JSONPointer.append(path, name), keyword: "required", schemaPath: JSONPointer.append(node.pointer, "required"), message: "required property '\(name)' is missing"))
        }
        if let m = node.minProperties, o.count < m { out.append(Self.violation(node, path, "minProperties", "must have at least \(m) properties, has \(o.count)")) }
        if let m = node.maxProperties, o.count > m { out.append(Self.violation(node, path, "maxProperties", "must have at most \(m) properties, has \(o.count)")) }
        // Sorted so that violations come out in a stable order.
        for (key, v) in o.sorted(by: { $0.key < $1.key }) {
            let childPath = JSONPointer.append(path, key)
            if let names = node.propertyNames {
                var scratch: [SchemaViolation] = []
                validate(names, .string(key), path, into: &scratch)
                if !scratch.isEmpty { out.append(Self.violation(node, path, "propertyNames", "property name '\(key)' is not allowed: \(scratch[0].message)")) }
            }
            var evaluated = false
            if let sub = node.properties[key] {
                evaluated = true
                validate(sub, v, childPath, into: &out)
            }
            for (pattern, sub) in node.patternProperties where pattern.matches(key) {
                evaluated = true
                validate(sub, v, childPath, into: &out)
            }
            if !evaluated, let extra = node.additionalProperties {
                if extra.boolean == false {
                    out.append(SchemaViolation(instancePath: childPath, keyword: "additionalProperties", schemaPath: JSONPointer.append(node.pointer, "additionalProperties"), message: "property '\(key)' is not allowed"))
                } else {
                    validate(extra, v, childPath, into: &out)
                }
            }
        }
    }
}
