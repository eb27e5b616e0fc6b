import DCSDomain

/// A keyed, invertible shuffle of `0..<modulus`: customer index <-> serial number.
///
/// A 4-round balanced Feistel network over the smallest even number of bits covering `modulus`,
/// with cycle walking (re-apply while the output is out of range) to stay inside `0..<modulus`.
/// Cycle walking keeps it a bijection, and `inverse` walks back the same cycle. It is an
/// obfuscation, not encryption: its only jobs are to scatter consecutive customers over the
/// serial space and to make existence decidable from a serial alone.
struct SerialPermutation: Sendable, Hashable {
    let modulus: UInt64
    let key: UInt64
    private let halfBits: UInt64
    private let mask: UInt64

    init(modulus: UInt64, key: UInt64) {
        precondition(modulus >= 2 && modulus <= 1 << 62)
        var bits: UInt64 = 0
        while (UInt64(1) << bits) < modulus { bits += 1 }
        if bits % 2 == 1 { bits += 1 }
        self.modulus = modulus
        self.key = key
        self.halfBits = max(1, bits / 2)
        self.mask = (UInt64(1) << halfBits) - 1
    }

    func apply(_ value: UInt64) -> UInt64 {
        precondition(value < modulus)
        var x = encrypt(value)
        while x >= modulus { x = encrypt(x) }
        return x
    }

    func inverse(_ value: UInt64) -> UInt64 {
        precondition(value < modulus)
        var x = decrypt(value)
        while x >= modulus { x = decrypt(x) }
        return x
    }

    private func round(_ index: UInt64, _ half: UInt64) -> UInt64 {
        SplitMix64.mix(key ^ SplitMix64.mix(index &* 0x1000_0000_01B3 ^ half)) & mask
    }

    private func encrypt(_ value: UInt64) -> UInt64 {
        var left = value >> halfBits, right = value & mask
        for index in 0..<UInt64(4) { (left, right) = (right, left ^ round(index, right)) }
        return (left << halfBits) | right
    }

    private func decrypt(_ value: UInt64) -> UInt64 {
        var left = value >> halfBits, right = value & mask
        for index in (0..<UInt64(4)).reversed() { (left, right) = (right ^ round(index, left), left) }
        return (left << halfBits) | right
    }
}
