import DCSSchema
import Foundation
import Testing

@Suite("JSON reading and writing")
struct JSONReaderWriterTests {
    @Test(arguments: [
        (#"{"a":1,"b":[true,false,null],"c":"x"}"#, JSONValue.object(["a": .integer(1), "b": .array([.bool(true), .bool(false), .null]), "c": .string("x")])),
        (#"  -12.5e1 "#, .number(-125)),
        (#"9223372036854775807"#, .integer(Int64.max)),
        (#"9223372036854775808"#, .number(9_223_372_036_854_775_808)),
        (#""Nguy\u1ec5n Th\u1ecb Hoa""#, .string("Nguyễn Thị Hoa")),
        (#""tab\tquote\"slash\/back\\""#, .string("tab\tquote\"slash/back\\")),
        (#""\ud83d\ude00""#, .string("😀")),
        (#"[]"#, .array([])),
        (#"{}"#, .object([:])),
    ])
    func readsValidJSON(text: String, expected: JSONValue) throws {
        #expect(try JSONValue(parsing: text) == expected)
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\" 1}", "01", "1.", "-", "tru", "\"unterminated", "\"\\x\"", "\"\\ud83d\"",
        "{\"a\":1} x", "\"\u{01}\"", "[1 2]", "NaN",
    ])
    func rejectsInvalidJSON(text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
    }

    @Test func aRepeatedMemberNameKeepsTheLastValue() throws {
        #expect(try JSONValue(parsing: #"{"a":1,"b":{"c":true,"c":false},"a":[2]}"#) == ["a": [2], "b": ["c": false]])
    }

    @Test func rejectsInvalidUTF8AndHostileNesting() throws {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: Data([0x22, 0xFF, 0x22])) }
        // After ASCII, in a key, overlong, a lone continuation byte, a truncated sequence.
        for bytes: [UInt8] in [[0x61, 0xFF], [0xC0, 0x80], [0x80], [0x61, 0xE1, 0xBB], [0xED, 0xA0, 0x80]] {
            #expect(throws: JSONParseError.self, "\(bytes)") { try JSONValue(parsing: Data([0x22] + bytes + [0x22])) }
            #expect(throws: JSONParseError.self, "\(bytes)") { try JSONValue(parsing: Data([0x7B, 0x22] + bytes + [0x22, 0x3A, 0x31, 0x7D])) }
        }
        #expect(try JSONValue(parsing: #"{"phường":"Bình Trưng","ascii":"PE0400000001"}"#) == ["phường": "Bình Trưng", "ascii": "PE0400000001"])
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: deep) }
    }

    @Test(arguments: [Int64.min, Int64.min + 1, -1_000_000_007, -10, -9, -1, 0, 1, 9, 10, 99, 100, 1_234_567, Int64.max - 1, Int64.max])
    func writesIntegersAsSwiftPrintsThem(_ integer: Int64) throws {
        #expect(JSONValue.integer(integer).jsonString == String(integer))
        #expect(JSONValue.array([.integer(integer), "x"]).jsonString == "[\(integer),\"x\"]")
        #expect(try JSONValue(parsing: JSONValue.integer(integer).jsonString) == .integer(integer))
    }

    @Test func theObjectWriterWritesWhatTheValueWriterWrites() {
        var writer = JSONObjectWriter()
        writer.integer("A", 1)
        writer.object("a") { nested in
            nested.value("b", nil)
            nested.objects("list", [1, 2]) { element, index in element.integer("n", Int64(index)) }
            nested.bool("z", true)
        }
        writer.string("b\"", "x\ny")
        writer.object("c", JSONObjectBytes(["k": "v", "e": []]))
        writer.objects("d", [Int]()) { _, _ in }
        writer.value("é", -2.5)
        let written = writer.finish()
        let object: JSONValue = [
            "A": 1, "a": ["z": true, "b": nil, "list": [["n": 1], ["n": 2]]], "b\"": "x\ny", "c": ["k": "v", "e": []], "d": [], "é": -2.5,
        ]
        #expect(Data(written.bytes) == object.jsonData())
        #expect(JSONValue.object(written.members) == object)
        var empty = JSONObjectWriter()
        #expect(empty.finish().bytes == Array("{}".utf8))
    }

    /// Member names are told from string values that look like them, escaped quotes included.
    @Test func findsMemberNamesAtAnyDepthAndNotInValues() {
        let object = JSONObjectBytes([
            "outer": ["rows": [["patient_id_number": "x"]]],
            "note": "\"id_number\": not a member",
            "plain": "id_number",
        ])
        let named = { (name: String) in { (bytes: ArraySlice<UInt8>) in String(decoding: bytes, as: UTF8.self) == name } }
        #expect(object.containsMember(named: named("patient_id_number")))
        #expect(object.containsMember(named: named("rows")))
        #expect(!object.containsMember(named: named("id_number")))
        #expect(!object.containsMember { $0.first == UInt8(ascii: "x") })
    }

    @Test func writesCompactSortedEscapedJSONThatReadsBack() throws {
        let value: JSONValue = [
            "z": "Nguyễn \"Hoa\"\n\u{01}", "a": [1, 2.5, true, nil], "m": ["k": -3],
        ]
        let text = value.jsonString
        #expect(text == #"{"a":[1,2.5,true,null],"m":{"k":-3},"z":"Nguyễn \"Hoa\"\n\u0001"}"#)
        #expect(try JSONValue(parsing: text) == value)
    }
}
