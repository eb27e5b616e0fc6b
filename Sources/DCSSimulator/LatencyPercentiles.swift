/// Nearest-rank percentiles of latency samples (milliseconds), as the run summaries and
/// `dcs bench` report them.
public struct LatencyPercentiles: Sendable {
    private let sorted: [Double]

    public init(_ samples: [Double]) {
        sorted = samples.sorted()
    }

    /// The smallest sample with at least a share `p` of the samples at or below it; 0 without samples.
    public func percentile(_ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)]
    }
}
