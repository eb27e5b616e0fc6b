import Foundation

extension JSONValue {
    /// Parses a JSON text. Top-level scalars are accepted.
    ///
    /// - Throws: ``JSONParseError`` describing why the text is not JSON.
    public init(parsing data: Data) throws(JSONParseError) {
        self = try JSONReader.parse(data)
    }

    /// Parses a JSON text given as a string.
    public init(parsing text: String) throws(JSONParseError) {
        try self.init(parsing: Data(text.utf8))
    }

    /// Serialises this value as compact JSON with sorted keys (stable output for logs and tests).
    public func jsonData(prettyPrinted: Bool = false) -> Data {
        if !prettyPrinted {
            var writer = JSONWriter()
            writer.write(self)
            return Data(writer.bytes)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = prettyPrinted ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        // Only non-finite doubles can fail, and JSON cannot hold them anyway: write null.
        return (try? encoder.encode(self)) ?? Data("null".utf8)
    }

    /// The compact JSON of an object given as members already in key order (code-point order,
    /// as ``jsonData(prettyPrinted:)`` sorts them): the same bytes as `.object` of the same
    /// members, without building a dictionary and sorting it again. Every answer a worker
    /// publishes is written this way. Keys must be strictly increasing (checked in debug builds).
    public static func objectData(sortedMembers members: [(key: String, value: JSONValue)]) -> Data {
        assert(zip(members, members.dropFirst()).allSatisfy { $0.key < $1.key }, "members not in key order")
        var writer = JSONWriter()
        writer.writeObject(sortedMembers: members)
        return Data(writer.bytes)
    }

    /// This value as a compact JSON string with sorted keys.
    public var jsonString: String { String(decoding: jsonData(), as: UTF8.self) }
}
