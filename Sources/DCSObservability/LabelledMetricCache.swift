import Synchronization

/// One metric family's handles, one per label set, created on first use and reused after.
///
/// Creating a swift-metrics handle goes through the factory and the registry's lock and builds
/// the label strings; the hot path should only hash the label values and increment. The number of
/// series is capped: past ``maxSeries`` every new label set shares one series whose labels are
/// all `overflow`, so a bug that puts unbounded values into a label cannot grow memory without
/// bound.
final class LabelledMetricCache<Metric: AnyObject & Sendable>: Sendable {
    private let labelNames: [String]
    private let maxSeries: Int
    private let make: @Sendable (_ dimensions: [(String, String)]) -> Metric
    private let handles = Mutex<[[String]: Metric]>([:])

    /// - Parameters:
    ///   - labelNames: the family's label names, in exposition order.
    ///   - maxSeries: cap on distinct label sets (the overflow series is one more).
    ///   - make: creates the handle for one label set (dimensions in `labelNames` order).
    init(labelNames: [String], maxSeries: Int, make: @escaping @Sendable (_ dimensions: [(String, String)]) -> Metric) {
        self.labelNames = labelNames
        self.maxSeries = maxSeries
        self.make = make
    }

    /// The handle for these label values (same order as the label names), sanitised.
    func handle(_ values: [String]) -> Metric {
        precondition(values.count == labelNames.count, "label values do not match label names \(labelNames)")
        let key = values.map(MetricLabelValue.sanitize)
        return handles.withLock { handles in
            if let existing = handles[key] { return existing }
            let effectiveKey = handles.count >= maxSeries
                ? Array(repeating: MetricLabelValue.overflow, count: labelNames.count)
                : key
            if let existing = handles[effectiveKey] { return existing }
            // Created under the lock so two threads never create the same series twice; the
            // registry takes its own lock inside, which never calls back into this one.
            let metric = make(Array(zip(labelNames, effectiveKey)))
            handles[effectiveKey] = metric
            return metric
        }
    }

    /// Number of cached series (including an overflow series, if any).
    var count: Int { handles.withLock { $0.count } }
}
