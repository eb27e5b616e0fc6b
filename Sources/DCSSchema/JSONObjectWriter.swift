/// Writes one JSON object member by member, straight to bytes, in the form
/// ``JSONValue/jsonData(prettyPrinted:)`` gives (compact, keys in code-point order).
///
/// Members must be added in key order; debug builds check it, and the tests of each writer
/// compare its bytes with the dictionary form's.
///
/// ```swift
/// var object = JSONObjectWriter()
/// object.integer("amount_paid", 648_000)
/// object.object("bill") { $0.string("bill_id", "EVN-PE0400012345-2026-10") }
/// let bytes = object.finish()
/// ```
public struct JSONObjectWriter {
    private var writer: JSONWriter
    private var isEmpty = true
    #if DEBUG
    private var lastKey: String?
    #endif

    public init(capacity: Int = 512) {
        writer = JSONWriter(capacity: capacity)
        writer.bytes.append(UInt8(ascii: "{"))
    }

    private init(continuing writer: inout JSONWriter) {
        self.writer = JSONWriter(capacity: 0)
        swap(&self.writer, &writer)
        self.writer.bytes.append(UInt8(ascii: "{"))
    }

    private mutating func key(_ key: String) {
        #if DEBUG
        if let lastKey { precondition(lastKey < key, "JSONObjectWriter: member '\(key)' after '\(lastKey)'") }
        lastKey = key
        #endif
        if !isEmpty { writer.bytes.append(UInt8(ascii: ",")) }
        isEmpty = false
        writer.writeString(key)
        writer.bytes.append(UInt8(ascii: ":"))
    }

    public mutating func string(_ key: String, _ value: String) {
        self.key(key)
        writer.writeString(value)
    }

    public mutating func integer(_ key: String, _ value: Int64) {
        self.key(key)
        writer.writeInteger(value)
    }

    public mutating func bool(_ key: String, _ value: Bool) {
        self.key(key)
        writer.bytes.append(contentsOf: value ? "true".utf8 : "false".utf8)
    }

    /// Any value, written as ``JSONValue/jsonData(prettyPrinted:)`` would.
    public mutating func value(_ key: String, _ value: JSONValue) {
        self.key(key)
        writer.write(value)
    }

    /// An object already written.
    public mutating func object(_ key: String, _ object: JSONObjectBytes) {
        self.key(key)
        writer.bytes.append(contentsOf: object.bytes)
    }

    /// A nested object, written by `body` into the same bytes.
    public mutating func object(_ key: String, _ body: (inout JSONObjectWriter) -> Void) {
        self.key(key)
        writeNested(body)
    }

    /// An array of objects, one written by `body` for each element.
    public mutating func objects<Elements: Sequence>(
        _ key: String, _ elements: Elements, _ body: (inout JSONObjectWriter, Elements.Element) -> Void
    ) {
        self.key(key)
        writer.bytes.append(UInt8(ascii: "["))
        var first = true
        for element in elements {
            if !first { writer.bytes.append(UInt8(ascii: ",")) }
            first = false
            writeNested { body(&$0, element) }
        }
        writer.bytes.append(UInt8(ascii: "]"))
    }

    /// An object written by `body` at the current position: the buffer moves to a nested writer
    /// and back, so it is never copied.
    private mutating func writeNested(_ body: (inout JSONObjectWriter) -> Void) {
        var nested = JSONObjectWriter(continuing: &writer)
        body(&nested)
        nested.writer.bytes.append(UInt8(ascii: "}"))
        swap(&writer, &nested.writer)
    }

    /// The object, closed; the writer is left empty.
    public mutating func finish() -> JSONObjectBytes {
        // Taken out first: appending through the consumed writer copied the whole buffer.
        var bytes: [UInt8] = []
        swap(&bytes, &writer.bytes)
        bytes.append(UInt8(ascii: "}"))
        return JSONObjectBytes(written: bytes)
    }
}
