import Foundation

extension UUID {
    /// Lowercase hex digits by value; trace context ids and ``Hex`` write with them too.
    static let lowerHexDigits: [UInt8] = Array("0123456789abcdef".utf8)
    private static let upperHexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// The canonical lower-case text form, `8-4-4-4-12` hex digits: how request ids appear in
    /// envelopes, headers and stores.
    ///
    /// Written out because `uuidString.lowercased()` costs a `sprintf` (libuuid) and a
    /// Unicode-aware lower-casing, several times per request on the workers' hot path.
    public var lowercasedString: String { text(digits: Self.lowerHexDigits) }

    /// The same as `uuidString` (upper case, as `Codable` writes a UUID), without its `sprintf`.
    public var uppercasedString: String { text(digits: Self.upperHexDigits) }

    /// Parses the canonical lower-case form only (`8-4-4-4-12` lower-case hex digits, the wire
    /// form of request ids); `nil` for anything else, upper case included.
    ///
    /// Written out because `UUID(uuidString:)` goes through `sscanf`, and the wire form needed a
    /// lower-casing to compare on top: every consumed request pays for this.
    public init?(lowercasedString text: String) {
        var text = text
        let parsed: uuid_t?? = text.withUTF8 { bytes -> uuid_t? in
            guard bytes.count == 36 else { return nil }
            var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            let ok = withUnsafeMutableBytes(of: &value) { out -> Bool in
                var index = 0
                for position in 0..<16 {
                    if position == 4 || position == 6 || position == 8 || position == 10 {
                        guard bytes[index] == UInt8(ascii: "-") else { return false }
                        index += 1
                    }
                    guard let high = Self.lowerHexValue(bytes[index]), let low = Self.lowerHexValue(bytes[index + 1]) else { return false }
                    out[position] = high << 4 | low
                    index += 2
                }
                return true
            }
            return ok ? value : nil
        }
        guard let parsed, let uuid = parsed else { return nil }
        self.init(uuid: uuid)
    }

    /// A lower-case hex digit's value (also for the ids of ``TraceParent``).
    static func lowerHexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    private func text(digits: [UInt8]) -> String {
        let bytes = uuid
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var index = 0
            withUnsafeBytes(of: bytes) { raw in
                for (position, byte) in raw.enumerated() {
                    if position == 4 || position == 6 || position == 8 || position == 10 {
                        buffer[index] = UInt8(ascii: "-")
                        index += 1
                    }
                    buffer[index] = digits[Int(byte >> 4)]
                    buffer[index + 1] = digits[Int(byte & 0x0F)]
                    index += 2
                }
            }
            return index
        }
    }
}
