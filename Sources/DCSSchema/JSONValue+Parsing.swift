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

    /// This value as a compact JSON string with sorted keys.
    public var jsonString: String { String(decoding: jsonData(), as: UTF8.self) }
}
