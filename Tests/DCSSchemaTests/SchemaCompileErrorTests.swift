import DCSSchema
import Foundation
import Testing

@Suite("Schema compile errors")
struct SchemaCompileErrorTests {
    static let cases: [(JSONValue, SchemaCompileError.Code, String)] = [
        (["typ": "string"], .unknownKeyword, "/typ"),
        (["properties": ["a": ["minLenght": 1]]], .unknownKeyword, "/properties/a/minLenght"),
        (["type": "text"], .invalidKeywordValue, "/type"),
        (["type": []], .invalidKeywordValue, "/type"),
        (["required": "a"], .invalidKeywordValue, "/required"),
        (["required": ["a", "a"]], .invalidKeywordValue, "/required"),
        (["minLength": -1], .invalidKeywordValue, "/minLength"),
        (["maxItems": 1.5], .invalidKeywordValue, "/maxItems"),
        (["multipleOf": 0], .invalidKeywordValue, "/multipleOf"),
        (["enum": []], .invalidKeywordValue, "/enum"),
        (["anyOf": []], .invalidKeywordValue, "/anyOf"),
        (["minimum": "0"], .invalidKeywordValue, "/minimum"),
        (["pattern": "([a-z"], .invalidPattern, "/pattern"),
        (["patternProperties": ["(": true]], .invalidPattern, "/patternProperties/("),
        (["format": "phone"], .unknownFormat, "/format"),
        (["$ref": "other.json#/x"], .unsupportedRef, "/$ref"),
        (["$ref": "#/$defs/missing"], .unresolvableRef, "/$ref"),
        (["$defs": ["a": 1], "$ref": "#/$defs/a"], .notASchema, "/$defs/a"),
        (["properties": ["a": ["$ref": "#/required"]], "required": ["a"]], .unresolvableRef, "/properties/a/$ref"),
        (["$schema": "http://json-schema.org/draft-07/schema#"], .unsupportedDialect, "/$schema"),
        (["items": 3], .notASchema, "/items"),
        ("schema", .notASchema, ""),
    ]

    @Test(arguments: cases.indices)
    func compileError(_ i: Int) {
        let (doc, code, pointer) = Self.cases[i]
        do {
            _ = try JSONSchema(doc)
            Issue.record("expected \(code.rawValue) for \(doc)")
        } catch {
            #expect(error.code == code, "\(error)")
            #expect(error.pointer == pointer, "\(error)")
            #expect(!error.message.isEmpty)
        }
    }

    @Test func malformedJSONText() {
        #expect(throws: SchemaCompileError.self) { try JSONSchema(data: Data("{\"type\": ".utf8)) }
        do {
            _ = try JSONSchema(data: Data("{nope".utf8))
        } catch {
            #expect(error.code == .malformedJSON)
        }
    }

    @Test func codesAreStable() {
        #expect(SchemaCompileError.Code.unknownKeyword.rawValue == "schema.unknown_keyword")
        #expect(SchemaCompileError.Code.unresolvableRef.rawValue == "schema.unresolvable_ref")
        #expect(SchemaCompileError.Code.invalidPattern.rawValue == "schema.invalid_pattern")
    }

    @Test func refCycleDoesNotHang() throws {
        let schema = try JSONSchema(["$defs": ["a": ["$ref": "#/$defs/b"], "b": ["$ref": "#/$defs/a"]], "$ref": "#/$defs/a"])
        let violations = schema.validate(1)
        #expect(violations.contains { $0.message.contains("cycle") })
    }
}
