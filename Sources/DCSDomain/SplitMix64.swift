/// SplitMix64 (Steele, Lea, Flood 2014): tiny, portable, same output on every platform and run.
///
/// Synthetic data must be identical in every process and database, so nothing here may use
/// `Hasher` (randomly seeded per process) or the system random generator.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for a tuple of components, e.g. (seed, kind, index, period).
    public init(_ components: UInt64...) {
        var mixed: UInt64 = 0x243F_6A88_85A3_08D3
        for component in components { mixed = SplitMix64.mix(mixed ^ component) }
        state = mixed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.finalize(state)
    }

    /// A value in `0..<bound` (Lemire's multiply-high; the bias is irrelevant for test data).
    public mutating func next(below bound: UInt64) -> UInt64 {
        precondition(bound > 0)
        return next().multipliedFullWidth(by: bound).high
    }

    /// A value in `range`.
    public mutating func int(in range: ClosedRange<Int64>) -> Int64 {
        range.lowerBound + Int64(next(below: UInt64(range.upperBound - range.lowerBound + 1)))
    }

    static func finalize(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public static func mix(_ value: UInt64) -> UInt64 {
        finalize(value &+ 0x9E37_79B9_7F4A_7C15)
    }
}
