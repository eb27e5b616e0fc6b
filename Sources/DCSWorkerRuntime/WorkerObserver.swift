import DCSMessages

/// Receives what a worker did, e.g. to record metrics. Called on the lane's task after each
/// committed batch; keep it cheap.
public protocol WorkerObserver: Sendable {
    /// A batch was committed: its outcomes, in order, and how long applying it took (decode to commit).
    func processed(_ outcomes: [WorkerOutcome], partition: Int32, applyDuration: Duration)
    /// Messages of the partition not yet processed, after a batch (from the cached high watermark).
    func lag(_ lag: Int64, topic: String, partition: Int32)
    /// Outcomes of the batch's messages that an operator replayed from a dead-letter topic
    /// (`completed`, `rejected`, `deduplicated`, `dead_lettered`, `retry_scheduled`, `refused`...).
    func replayed(_ outcomes: [String], partition: Int32)
}

extension WorkerObserver {
    public func lag(_ lag: Int64, topic: String, partition: Int32) {}
    public func replayed(_ outcomes: [String], partition: Int32) {}
}

/// What happened to one consumed message, as seen from outside the runtime.
public enum WorkerOutcome: Sendable, Equatable {
    case alreadyApplied
    case deduplicated(ResultEnvelope)
    case handled(ResultEnvelope)
    case deadLettered(FailureClass, reasonCode: String)
    /// Failed transiently and sent to a delayed retry tier (`10s`, `1m`...).
    case retryScheduled(tier: String, reasonCode: String)
    /// Refused by a security check (`security.signature_invalid`...).
    case refused(reasonCode: String)

    init(_ outcome: RequestProcessor.Outcome) {
        switch outcome {
        case .alreadyApplied: self = .alreadyApplied
        case .deduplicated(let result): self = .deduplicated(result)
        case .handled(let result): self = .handled(result)
        case .deadLettered(let failureClass, let reason, _): self = .deadLettered(failureClass, reasonCode: reason)
        case .retryScheduled(let tier, let reason): self = .retryScheduled(tier: tier, reasonCode: reason)
        case .refused(let reason): self = .refused(reasonCode: reason)
        }
    }
}

extension WorkerOutcome {
    /// A short label of the outcome, for replay metrics.
    var label: String? {
        switch self {
        case .alreadyApplied: nil
        case .deduplicated: "deduplicated"
        case .handled(let result): result.status.rawValue
        case .deadLettered: "dead_lettered"
        case .retryScheduled: "retry_scheduled"
        case .refused: "refused"
        }
    }
}
