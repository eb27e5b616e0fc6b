import Foundation

/// Lowercase hexadecimal text of bytes: the digest in a request signature, subject keys,
/// pseudonyms.
public enum Hex {
    /// Two lowercase hex digits per byte, as `String(format: "%02x")` writes them, without
    /// Foundation's formatting of each byte (which cost a signed request more CPU than the rest of
    /// its processing).
    ///
    /// Inlinable so that callers in other modules get it specialised for their collection: the
    /// unspecialised generic walked a 32-byte digest through protocol witnesses, a microsecond a
    /// call on the telecom payment path.
    @inlinable
    public static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        if let text = bytes.withContiguousStorageIfAvailable({ write(UnsafeRawBufferPointer($0)) }) { return text }
        return Array(bytes).withUnsafeBytes { write($0) }
    }

    @usableFromInline
    static func write(_ bytes: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { text in
            var index = 0
            for byte in bytes {
                text[index] = UUID.lowerHexDigits[Int(byte >> 4)]
                text[index + 1] = UUID.lowerHexDigits[Int(byte & 0x0F)]
                index += 2
            }
            return index
        }
    }
}
