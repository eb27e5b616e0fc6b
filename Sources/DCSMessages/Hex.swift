import Foundation

/// Lowercase hexadecimal text of bytes: the digest in a request signature, subject keys,
/// pseudonyms.
public enum Hex {
    /// Two lowercase hex digits per byte, as `String(format: "%02x")` writes them, without
    /// Foundation's formatting of each byte (which cost a signed request more CPU than the rest of
    /// its processing).
    public static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(UUID.lowerHexDigits[Int(byte >> 4)])
            text.append(UUID.lowerHexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
