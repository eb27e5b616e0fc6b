/// CRC-16/CCITT-FALSE, the checksum of EMVCo QR codes (tag 63): polynomial 0x1021, initial value
/// 0xFFFF, no reflection, no final XOR. Check value: "123456789" -> 0x29B1.
public enum CRC16 {
    /// The checksum of `bytes`.
    public static func ccittFalse<Bytes: Sequence>(_ bytes: Bytes) -> UInt16 where Bytes.Element == UInt8 {
        var crc: UInt16 = 0xFFFF
        for byte in bytes {
            crc ^= UInt16(byte) << 8
            for _ in 0..<8 {
                crc = crc & 0x8000 != 0 ? (crc << 1) ^ 0x1021 : crc << 1
            }
        }
        return crc
    }

    /// The checksum of the UTF-8 bytes of `text`.
    public static func ccittFalse(_ text: String) -> UInt16 { ccittFalse(text.utf8) }

    /// Four uppercase hex digits, as tag 63 carries them.
    public static func hex(_ value: UInt16) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        let nibbles = [value >> 12, (value >> 8) & 0xF, (value >> 4) & 0xF, value & 0xF]
        return String(decoding: nibbles.map { digits[Int($0)] }, as: UTF8.self)
    }
}
