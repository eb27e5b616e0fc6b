/// One EMVCo QR data object: a 2-digit tag, a 2-digit length (01-99) and the value.
///
/// VietQR payloads are ASCII (EMVCo "ans" characters; purposes are written without diacritics),
/// so lengths count bytes and characters alike.
public struct EMVField: Sendable, Hashable {
    /// Two digits, `00`-`99`.
    public let tag: String
    /// 1-99 ASCII characters.
    public let value: String

    /// A field; nothing is checked until it is encoded.
    public init(_ tag: String, _ value: String) {
        self.tag = tag
        self.value = value
    }

    /// `tag + length + value`, e.g. `5303704`.
    public var encoded: String {
        precondition((1...99).contains(value.utf8.count), "EMV values are 1-99 characters")
        return tag + (value.utf8.count < 10 ? "0" : "") + String(value.utf8.count) + value
    }

    /// Encodes a list of fields in order.
    public static func encode(_ fields: [EMVField]) -> String {
        fields.map(\.encoded).joined()
    }

    /// Splits `text` into fields, in order. Every tag and length must be two digits, every length
    /// 01-99 and within the text, and no tag may repeat.
    public static func parse(_ text: String) throws(VietQRError) -> [EMVField] {
        let bytes = Array(text.utf8)
        var fields: [EMVField] = []
        var seen: Set<String> = []
        var index = 0
        while index < bytes.count {
            guard index + 4 <= bytes.count else { throw .malformed("truncated tag or length at \(index)") }
            guard let tag = twoDigits(bytes, at: index) else { throw .malformed("tag at \(index) is not two digits") }
            guard let length = twoDigits(bytes, at: index + 2).flatMap(Int.init), length >= 1 else {
                throw .malformed("length of tag \(tag) is not 01-99")
            }
            let start = index + 4
            guard start + length <= bytes.count else { throw .malformed("value of tag \(tag) runs past the end") }
            guard seen.insert(tag).inserted else { throw .malformed("tag \(tag) appears twice") }
            fields.append(EMVField(tag, String(decoding: bytes[start..<start + length], as: UTF8.self)))
            index = start + length
        }
        return fields
    }

    private static func twoDigits(_ bytes: [UInt8], at index: Int) -> String? {
        let pair = bytes[index..<index + 2]
        guard pair.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return String(decoding: pair, as: UTF8.self)
    }
}
