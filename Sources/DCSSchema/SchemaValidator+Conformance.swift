/// The yes-or-no walk: whether a value satisfies a node, stopping at the first failure.
///
/// Nearly every message a worker validates is valid, and the explaining walk pays for what only
/// a failure needs: a JSON Pointer string for every property visited, the members sorted for a
/// stable violation order, scratch arrays for `anyOf`/`oneOf`/`not`/`if`. ``JSONSchema`` asks
/// this first and runs the explaining walk only on a `false`, so the two must agree on what is
/// valid; `JSONSchemaKeywordTests` holds them to it.
extension SchemaValidator {
    mutating func conforms(_ node: SchemaNode, _ value: JSONValue) -> Bool {
        if let b = node.boolean { return b }
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { return false }

        if let target = node.ref, let refNode = nodes[target], !conforms(refNode, value) { return false }
        if node.types != nil, !Self.matches(node, value) { return false }
        if let c = node.constValue, c != value { return false }
        if let e = node.enumValues, !e.contains(value) { return false }

        switch value {
        case .string(let s):
            guard stringConforms(node, s) else { return false }
        case .integer, .number:
            guard numberConforms(node, value) else { return false }
        case .array(let a):
            guard arrayConforms(node, a) else { return false }
        case .object(let o):
            guard objectConforms(node, o) else { return false }
        default:
            break
        }

        for sub in node.allOf where !conforms(sub, value) { return false }
        if !node.anyOf.isEmpty, !node.anyOf.contains(where: { conforms($0, value) }) { return false }
        if !node.oneOf.isEmpty {
            var matches = 0
            for sub in node.oneOf where conforms(sub, value) {
                matches += 1
                if matches > 1 { return false }
            }
            if matches != 1 { return false }
        }
        if let n = node.not, conforms(n, value) { return false }
        if let i = node.ifSchema {
            if conforms(i, value) {
                if let t = node.thenSchema, !conforms(t, value) { return false }
            } else if let e = node.elseSchema, !conforms(e, value) {
                return false
            }
        }
        return true
    }

    // Strings and numbers have no sub-values: the explaining checks are reused, as they build a
    // message only for a failure (an empty array allocates nothing).

    private func stringConforms(_ node: SchemaNode, _ s: String) -> Bool {
        var violations: [SchemaViolation] = []
        validateString(node, s, "", &violations)
        return violations.isEmpty
    }

    private func numberConforms(_ node: SchemaNode, _ value: JSONValue) -> Bool {
        guard node.minimum != nil || node.maximum != nil || node.exclusiveMinimum != nil || node.exclusiveMaximum != nil
            || node.multipleOf != nil else { return true }
        var violations: [SchemaViolation] = []
        validateNumber(node, value, "", &violations)
        return violations.isEmpty
    }

    private mutating func arrayConforms(_ node: SchemaNode, _ a: [JSONValue]) -> Bool {
        if let m = node.minItems, a.count < m { return false }
        if let m = node.maxItems, a.count > m { return false }
        if node.uniqueItems {
            var seen = Set<JSONValue>()
            for v in a where !seen.insert(v).inserted { return false }
        }
        for (i, v) in a.enumerated() {
            if i < node.prefixItems.count {
                if !conforms(node.prefixItems[i], v) { return false }
            } else if let items = node.items, !conforms(items, v) {
                return false
            }
        }
        return true
    }

    private mutating func objectConforms(_ node: SchemaNode, _ o: [String: JSONValue]) -> Bool {
        for name in node.required where o[name] == nil { return false }
        if let m = node.minProperties, o.count < m { return false }
        if let m = node.maxProperties, o.count > m { return false }
        for (key, v) in o {
            if let names = node.propertyNames, !conforms(names, .string(key)) { return false }
            var evaluated = false
            if let sub = node.properties[key] {
                evaluated = true
                if !conforms(sub, v) { return false }
            }
            for (pattern, sub) in node.patternProperties where pattern.matches(key) {
                evaluated = true
                if !conforms(sub, v) { return false }
            }
            if !evaluated, let extra = node.additionalProperties, !conforms(extra, v) { return false }
        }
        return true
    }
}
