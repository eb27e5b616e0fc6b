import DCSMessages
import Foundation
import Synchronization

/// Counters of what a worker did, for tests, `dcs up` and logs. Metrics go to swift-metrics too.
public final class WorkerStatistics: Sendable {
    public struct Snapshot: Sendable, Equatable {
        /// service id -> result status -> count, for requests handled now.
        public var handled: [String: [String: Int]] = [:]
        /// Redelivered request ids answered from the stored result.
        public var deduplicated = 0
        /// Messages at or before the stored position, skipped.
        public var alreadyApplied = 0
        /// Dead-letter records written, by reason code.
        public var deadLetters: [String: Int] = [:]
        public var batches = 0
        /// Requests sent to a delayed retry tier, by tier (`10s`, `1m`...).
        public var retries: [String: Int] = [:]
        /// Replayed dead letters handled again, by outcome (`completed`, `deduplicated`...).
        public var replays: [String: Int] = [:]
        /// Requests refused by a security check, by reason code.
        public var refused: [String: Int] = [:]
        /// Batches refused because another process owns the partition now.
        public var fenced = 0

        public var handledCount: Int { handled.values.reduce(0) { $0 + $1.values.reduce(0, +) } }
    }

    private let state = Mutex(Snapshot())

    public init() {}

    public var snapshot: Snapshot { state.withLock { $0 } }

    func record(_ outcomes: [RequestProcessor.Outcome]) {
        state.withLock { s in
            s.batches += 1
            for outcome in outcomes {
                switch outcome {
                case .alreadyApplied: s.alreadyApplied += 1
                case .deduplicated: s.deduplicated += 1
                case .handled(let result):
                    s.handled[result.serviceID.rawValue, default: [:]][result.status.rawValue, default: 0] += 1
                case .deadLettered(_, let reason, _):
                    s.deadLetters[reason, default: 0] += 1
                case .retryScheduled(let tier, _):
                    s.retries[tier, default: 0] += 1
                case .refused(let reason):
                    s.refused[reason, default: 0] += 1
                }
            }
        }
    }

    func recordReplays(_ outcomes: [String]) {
        state.withLock { s in for outcome in outcomes { s.replays[outcome, default: 0] += 1 } }
    }

    func recordFenced() { state.withLock { $0.fenced += 1 } }
}
