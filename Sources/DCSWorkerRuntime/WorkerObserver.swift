import DCSMessages

/// Receives what a worker did, e.g. to record metrics. Called on the lane's task after each
/// committed batch; keep it cheap.
public protocol WorkerObserver: Sendable {
    func processed(_ outcomes: [WorkerOutcome], partition: Int32)
}

/// What happened to one consumed message, as seen from outside the runtime.
public enum WorkerOutcome: Sendable, Equatable {
    case alreadyApplied
    case deduplicated(ResultEnvelope)
    case handled(ResultEnvelope)
    case deadLettered(FailureClass, reasonCode: String)

    init(_ outcome: RequestProcessor.Outcome) {
        switch outcome {
        case .alreadyApplied: self = .alreadyApplied
        case .deduplicated(let result): self = .deduplicated(result)
        case .handled(let result): self = .handled(result)
        case .deadLettered(let failureClass, let reason, _): self = .deadLettered(failureClass, reasonCode: reason)
        }
    }
}
