import Foundation

extension UUID {
    /// A version 7 UUID (RFC 9562, section 5.7): the Unix time in milliseconds in the first 48
    /// bits, then the version, 74 random bits and the variant.
    ///
    /// Request ids are the key of the workers' deduplication index and of every effect table's
    /// request index. Random (version 4) ids land anywhere in those B-trees, so each request
    /// dirtied a page of each, and every page went to the write-ahead log and was copied back at
    /// the next checkpoint; ids that grow with time are appended next to each other. Ids of the
    /// same millisecond are in random order among themselves, which costs nothing here.
    /// Any UUID is still accepted on the wire: this only chooses what stations generate.
    public static func timeOrdered(at date: Date = Date()) -> UUID {
        var generator = SystemRandomNumberGenerator()
        return timeOrdered(at: date, using: &generator)
    }

    /// ``timeOrdered(at:)`` with the random bits from `generator` (tests pin them).
    public static func timeOrdered(at date: Date, using generator: inout some RandomNumberGenerator) -> UUID {
        let milliseconds = UInt64(max(0, (date.timeIntervalSince1970 * 1_000).rounded(.down))) & 0xFFFF_FFFF_FFFF
        let high = generator.next() as UInt64, low = generator.next() as UInt64
        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &bytes) { out in
            for index in 0..<6 { out[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index))) }
            out[6] = 0x70 | UInt8(truncatingIfNeeded: high >> 8) & 0x0F
            out[7] = UInt8(truncatingIfNeeded: high)
            out[8] = 0x80 | UInt8(truncatingIfNeeded: low >> 56) & 0x3F
            for index in 9..<16 { out[index] = UInt8(truncatingIfNeeded: low >> (8 * (15 - index))) }
        }
        return UUID(uuid: bytes)
    }

    /// The Unix time in milliseconds a version 7 UUID carries; `nil` for other versions.
    public var timeOrderedMilliseconds: UInt64? {
        withUnsafeBytes(of: uuid) { bytes in
            guard bytes[6] >> 4 == 7, bytes[8] >> 6 == 0b10 else { return nil }
            return (0..<6).reduce(UInt64(0)) { $0 << 8 | UInt64(bytes[$1]) }
        }
    }
}
