import DCSSchema
import Foundation
import Testing

@Suite("JSONValue")
struct JSONValueTests {
    @Test func parsesAndKeepsIntegersExact() throws {
        let v = try JSONValue(parsing: #"{"amount": 9007199254740993, "rate": 0.08, "ok": true, "none": null, "list": [1, "a"]}"#)
        #expect(v["amount"] == .integer(9_007_199_254_740_993))
        #expect(v["amount"]?.int64Value == 9_007_199_254_740_993)
        #expect(v["rate"]?.doubleValue == 0.08)
        #expect(v["rate"]?.int64Value == nil)
        #expect(v["ok"]?.boolValue == true)
        #expect(v["none"]?.isNull == true)
        #expect(v["list"]?[1]?.stringValue == "a")
        #expect(v["missing"] == nil)
        #expect(v["list"]?[5] == nil)
    }

    @Test func numericEqualityFollowsJSON() {
        #expect(JSONValue.integer(1) == .number(1.0))
        #expect(JSONValue.integer(1) != .number(1.5))
        #expect(Set<JSONValue>([1, 1.0, 2]).count == 2)
        #expect(JSONValue.bool(true) != .integer(1))
    }

    @Test func roundTripsThroughText() throws {
        let v: JSONValue = ["b": [1, 2.5, "x", nil, false], "a": ["nested": "Nguyễn"]]
        let again = try JSONValue(parsing: v.jsonData())
        #expect(again == v)
        #expect(v.jsonString.hasPrefix(#"{"a":"#))  // sorted keys
    }

    @Test func malformedTextThrows() {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: "{\"a\": }") }
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: "") }
    }

    @Test func typeNames() {
        #expect(JSONValue.number(2.0).typeName == "integer")
        #expect(JSONValue.number(2.5).typeName == "number")
        #expect(JSONValue.object([:]).typeName == "object")
    }

    @Test func jsonPointerEscaping() {
        #expect(JSONPointer.append("/a", "b/c~d") == "/a/b~1c~0d")
        #expect(JSONPointer.tokens("/a/b~1c~0d") == ["a", "b/c~d"])
        #expect(JSONPointer.resolve("/x/1", in: ["x": [10, 20]]) == 20)
        #expect(JSONPointer.resolve("/x/01", in: ["x": [10, 20]]) == nil)
    }
}
