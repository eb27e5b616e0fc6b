import Foundation

extension UUID {
    private static let lowerHexDigits: [UInt8] = Array("0123456789abcdef".utf8)
    private static let upperHexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// The canonical lower-case text form, `8-4-4-4-12` hex digits: how request ids appear in
    /// envelopes, headers and stores.
    ///
    /// Written out because `uuidString.lowercased()` costs a `sprintf` (libuuid) and a
    /// Unicode-aware lower-casing, several times per request on the workers' hot path.
    public var lowercasedString: String { text(digits: Self.lowerHexDigits) }

    /// The same as `uuidString` (upper case, as `Codable` writes a UUID), without its `sprintf`.
    public var uppercasedString: String { text(digits: Self.upperHexDigits) }

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
