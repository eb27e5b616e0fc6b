import Foundation

/// A JSON object already written in the form ``JSONValue/jsonData(prettyPrinted:)`` gives it
/// (compact, keys in code-point order), kept as its bytes.
///
/// Data written for every result (a utilities payment's receipt) goes straight to these bytes
/// through ``JSONObjectWriter``, instead of being assembled as dictionaries that the writer then
/// sorts and that are freed afterwards. ``members`` reads it back.
public struct JSONObjectBytes: Sendable, Hashable {
    /// The object's UTF-8 text, `{` to `}`.
    public let bytes: [UInt8]

    init(written bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// `members` in the canonical form.
    public init(_ members: [String: JSONValue]) {
        var writer = JSONWriter()
        writer.write(.object(members))
        bytes = writer.bytes
    }

    /// The members, parsed again.
    public var members: [String: JSONValue] {
        // Only this module's writers make these bytes: they always hold one object.
        guard case .object(let members)? = try? JSONValue(parsing: Data(bytes)) else {
            preconditionFailure("JSONObjectBytes does not hold a JSON object: \(String(decoding: bytes, as: UTF8.self))")
        }
        return members
    }

    /// Whether the object has a member, at any depth, whose name `isNamed` accepts (given the
    /// name's UTF-8 as written, escapes included): one pass over the text, without parsing it or
    /// making strings of the names (a string followed by `:` is a member name).
    public func containsMember(named isNamed: (ArraySlice<UInt8>) -> Bool) -> Bool {
        var index = 0
        var nameStart: Int?
        var inString = false
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if byte == UInt8(ascii: "\\") {
                    index += 2
                    continue
                }
                if byte == UInt8(ascii: "\"") {
                    inString = false
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ":"), let start = nameStart,
                       isNamed(bytes[start..<index]) {
                        return true
                    }
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
                nameStart = index + 1
            }
            index += 1
        }
        return false
    }
}
