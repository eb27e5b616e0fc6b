import DCSSchema
import Foundation
import Testing

/// One keyword case: a schema, values it accepts, values it rejects and the keyword expected to fail.
struct KeywordCase: Sendable, CustomTestStringConvertible {
    let name: String
    let schema: JSONValue
    let valid: [JSONValue]
    let invalid: [JSONValue]
    let keyword: String
    var testDescription: String { name }
}

let keywordCases: [KeywordCase] = [
    .init(name: "type string", schema: ["type": "string"], valid: ["x", ""], invalid: [1, nil, ["a"]], keyword: "type"),
    .init(name: "type array of names", schema: ["type": ["string", "null"]], valid: ["x", nil], invalid: [true, 2.5], keyword: "type"),
    .init(name: "type integer", schema: ["type": "integer"], valid: [1, 2.0, -7], invalid: [1.5, "1"], keyword: "type"),
    .init(name: "type number", schema: ["type": "number"], valid: [1, 1.5], invalid: ["1", false], keyword: "type"),
    .init(name: "type boolean/object/array", schema: ["type": ["boolean", "object", "array"]], valid: [true, [:], []], invalid: ["x", 0], keyword: "type"),
    .init(name: "properties", schema: ["properties": ["a": ["type": "integer"]]], valid: [["a": 1], [:], ["b": "x"]], invalid: [["a": "1"]], keyword: "type"),
    .init(name: "required", schema: ["required": ["a", "b"]], valid: [["a": 1, "b": nil], "not an object"], invalid: [["a": 1], [:]], keyword: "required"),
    .init(name: "additionalProperties false", schema: ["properties": ["a": true], "additionalProperties": false], valid: [["a": 1], [:]], invalid: [["a": 1, "b": 2]], keyword: "additionalProperties"),
    .init(name: "additionalProperties schema", schema: ["properties": ["a": true], "additionalProperties": ["type": "string"]], valid: [["a": 1, "b": "x"]], invalid: [["b": 2]], keyword: "type"),
    .init(name: "patternProperties", schema: ["patternProperties": ["^x_": ["type": "integer"]], "additionalProperties": false], valid: [["x_a": 1]], invalid: [["x_a": "1"], ["y": 1]], keyword: ""),
    .init(name: "propertyNames", schema: ["propertyNames": ["pattern": "^[a-z_]+$"]], valid: [["ok_name": 1]], invalid: [["BadName": 1]], keyword: "propertyNames"),
    .init(name: "minProperties/maxProperties", schema: ["minProperties": 1, "maxProperties": 2], valid: [["a": 1], ["a": 1, "b": 2]], invalid: [[:], ["a": 1, "b": 2, "c": 3]], keyword: ""),
    .init(name: "items", schema: ["items": ["type": "integer"]], valid: [[], [1, 2]], invalid: [[1, "2"]], keyword: "type"),
    .init(name: "prefixItems then items", schema: ["prefixItems": [["type": "string"]], "items": ["type": "integer"]], valid: [["a", 1, 2], ["a"]], invalid: [[1], ["a", "b"]], keyword: "type"),
    .init(name: "minItems", schema: ["minItems": 2], valid: [[1, 2]], invalid: [[1]], keyword: "minItems"),
    .init(name: "maxItems", schema: ["maxItems": 1], valid: [[1], []], invalid: [[1, 2]], keyword: "maxItems"),
    .init(name: "uniqueItems", schema: ["uniqueItems": true], valid: [[1, 2], ["1", 1]], invalid: [[1, 1.0], [["a": 1], ["a": 1]]], keyword: "uniqueItems"),
    .init(name: "enum", schema: ["enum": ["a", 1, nil]], valid: ["a", 1, 1.0, nil], invalid: ["b", 2, false], keyword: "enum"),
    .init(name: "const", schema: ["const": ["x": [1, 2]]], valid: [["x": [1, 2]]], invalid: [["x": [2, 1]], nil], keyword: "const"),
    .init(name: "const null", schema: ["const": nil], valid: [nil], invalid: [0, ""], keyword: "const"),
    .init(name: "minLength counts code points", schema: ["minLength": 3], valid: ["abc", "Hoà"], invalid: ["ab", "Hò"], keyword: "minLength"),
    .init(name: "maxLength counts code points", schema: ["maxLength": 4], valid: ["Huế", "abcd"], invalid: ["abcde"], keyword: "maxLength"),
    .init(name: "pattern is unanchored", schema: ["pattern": "[0-9]{5}"], valid: ["ward 27097", "27097"], invalid: ["2709", ""], keyword: "pattern"),
    .init(name: "minimum", schema: ["minimum": 0], valid: [0, 0.5], invalid: [-1, -0.1], keyword: "minimum"),
    .init(name: "maximum", schema: ["maximum": 10], valid: [10, 9.9], invalid: [11, 10.01], keyword: "maximum"),
    .init(name: "exclusiveMinimum", schema: ["exclusiveMinimum": 0], valid: [1, 0.001], invalid: [0, -3], keyword: "exclusiveMinimum"),
    .init(name: "exclusiveMaximum", schema: ["exclusiveMaximum": 100], valid: [99], invalid: [100, 101], keyword: "exclusiveMaximum"),
    .init(name: "multipleOf integer", schema: ["multipleOf": 1000], valid: [412000, 0, -2000], invalid: [412560], keyword: "multipleOf"),
    .init(name: "multipleOf decimal", schema: ["multipleOf": 0.01], valid: [19.99, 4], invalid: [0.001], keyword: "multipleOf"),
    .init(name: "format date-time", schema: ["format": "date-time"], valid: ["2025-10-10T08:30:00Z", "2025-10-10T08:30:00.123+07:00", "2024-02-29t23:59:60z"], invalid: ["2025-10-10", "2025-13-10T08:30:00Z", "2025-02-29T08:30:00Z", "2025-10-10T08:30:00", "2025-10-10 08:30:00Z"], keyword: "format"),
    .init(name: "format date", schema: ["format": "date"], valid: ["2025-10-10"], invalid: ["2025-10-32", "10/10/2025"], keyword: "format"),
    .init(name: "format uuid", schema: ["format": "uuid"], valid: ["5b0e7c1a-3f2d-4c6b-9a8e-1d2c3b4a5f60", "5B0E7C1A-3F2D-4C6B-9A8E-1D2C3B4A5F60"], invalid: ["5b0e7c1a3f2d4c6b9a8e1d2c3b4a5f60", "zb0e7c1a-3f2d-4c6b-9a8e-1d2c3b4a5f60"], keyword: "format"),
    .init(name: "format email", schema: ["format": "email"], valid: ["ops@dcs.example"], invalid: ["ops", "a@b", "a b@c.d"], keyword: "format"),
    .init(name: "format ignores other types", schema: ["format": "date-time"], valid: [12, nil], invalid: ["x"], keyword: "format"),
    .init(name: "allOf", schema: ["allOf": [["minimum": 1], ["maximum": 3]]], valid: [2], invalid: [0, 4], keyword: ""),
    .init(name: "anyOf", schema: ["anyOf": [["type": "string"], ["type": "integer"]]], valid: ["a", 1], invalid: [1.5, nil], keyword: "anyOf"),
    .init(name: "oneOf none", schema: ["oneOf": [["type": "string"], ["type": "integer"]]], valid: ["a", 1], invalid: [nil], keyword: "oneOf"),
    .init(name: "oneOf several", schema: ["oneOf": [["type": "number"], ["type": "integer"]]], valid: [1.5], invalid: [1], keyword: "oneOf"),
    .init(name: "not", schema: ["not": ["type": "null"]], valid: [1, "x"], invalid: [nil], keyword: "not"),
    .init(name: "if/then/else", schema: ["if": ["properties": ["status": ["const": "failed"]], "required": ["status"]], "then": ["required": ["error"]], "else": ["not": ["required": ["error"]]]], valid: [["status": "failed", "error": 1], ["status": "completed"]], invalid: [["status": "failed"], ["status": "completed", "error": 1]], keyword: ""),
    .init(name: "boolean schema false", schema: ["properties": ["a": false]], valid: [[:]], invalid: [["a": 1]], keyword: "false"),
    .init(name: "$ref to $defs", schema: ["$defs": ["ward": ["type": "string", "pattern": "^[0-9]{5}$"]], "properties": ["ward_code": ["$ref": "#/$defs/ward"]]], valid: [["ward_code": "27097"]], invalid: [["ward_code": "2709"]], keyword: "pattern"),
    .init(name: "$ref to root (recursion)", schema: ["type": "object", "properties": ["child": ["$ref": "#"]], "additionalProperties": false], valid: [["child": ["child": [:]]]], invalid: [["child": ["child": ["x": 1]]]], keyword: "additionalProperties"),
    .init(name: "annotations are accepted", schema: ["$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "x", "title": "t", "description": "d", "examples": [1], "default": 1, "$comment": "c", "type": "integer"], valid: [1], invalid: ["1"], keyword: "type"),
]

@Suite("JSON Schema keywords")
struct JSONSchemaKeywordTests {
    @Test(arguments: keywordCases)
    func keyword(_ c: KeywordCase) throws {
        let schema = try JSONSchema(c.schema)
        // `isValid` is the yes-or-no walk alone; `validate` explains what it rejects: both must agree.
        for v in c.valid {
            #expect(schema.validate(v) == [], "expected \(v) to be valid")
            #expect(schema.isValid(v), "the yes-or-no walk rejects \(v)")
        }
        for v in c.invalid {
            let violations = schema.validate(v)
            #expect(!violations.isEmpty, "expected \(v) to be invalid")
            #expect(!schema.isValid(v), "the yes-or-no walk accepts \(v)")
            if !c.keyword.isEmpty {
                #expect(violations.contains { $0.keyword == c.keyword }, "expected a '\(c.keyword)' violation for \(v), got \(violations)")
            }
        }
    }

    @Test func violationsCarryInstanceAndSchemaPointers() throws {
        let schema = try JSONSchema([
            "type": "object",
            "properties": ["items": ["type": "array", "items": ["properties": ["a/b": ["type": "integer"]]]]],
            "required": ["id"],
        ])
        let violations = schema.validate(["items": [["a/b": 1], ["a/b": "x"]]])
        #expect(violations.count == 2)
        let type = try #require(violations.first { $0.keyword == "type" })
        #expect(type.instancePath == "/items/1/a~1b")
        #expect(type.schemaPath == "/properties/items/items/properties/a~1b/type")
        #expect(type.message == "expected integer, found string")
        let required = try #require(violations.first { $0.keyword == "required" })
        #expect(required.instancePath == "/id")
        #expect(required.message.contains("'id'"))
    }

    @Test func compiledSchemaIsReusableAcrossTasks() async throws {
        let schema = try JSONSchema(["type": "object", "properties": ["n": ["pattern": "^[0-9]+$"]]])
        let failures = await withTaskGroup(of: Int.self) { group in
            for i in 0..<200 {
                group.addTask { schema.validate(["n": .string(i.isMultiple(of: 2) ? "\(i)" : "x\(i)")]).count }
            }
            return await group.reduce(0, +)
        }
        #expect(failures == 100)
    }
}
