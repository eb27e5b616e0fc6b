import DCSCatalogue
import DCSDeadLetters
import DCSDomain
import DCSKafka
import DCSMessages
import Foundation
import Logging
import Synchronization

/// The operator's story of `dcs up --scenario outage`, end to end: a downstream outage longer than
/// the retry tiers, dead letters and "under review" answers, the outage ends, the operator replays
/// the dead letters, the stations get their final answers, and a second replay replays nothing.
public final class OutageScenario: Sendable {
    /// The downstream that fails (every service id starting with it).
    public let prefix: String
    /// When the outage starts, counted from the start of traffic.
    public let startsAfter: Duration
    /// How long it lasts; longer than the retry ladder, so requests run out of tiers.
    public let lasts: Duration
    private let downstream: DownstreamFaults
    private let catalogue: TopicCatalogue
    private let kafka: KafkaClientConfiguration
    private let logger: Logger
    private let state = Mutex(State())

    private struct State {
        var started = false
        var ended = false
        var endsAt: ContinuousClock.Instant?
        var replayed = 0
        var replayedAgain = 0
        var finalAnswers = 0
        var awaitingFinal = 0
    }

    public init(
        prefix: String = "utilities.electricity", startsAfter: Duration, lasts: Duration, downstream: DownstreamFaults,
        catalogue: TopicCatalogue, kafka: KafkaClientConfiguration, logger: Logger
    ) {
        self.prefix = prefix
        self.startsAfter = startsAfter
        self.lasts = lasts
        self.downstream = downstream
        self.catalogue = catalogue
        self.kafka = kafka
        self.logger = logger
    }

    /// Called with the simulator's progress (about once a second): starts and ends the outage.
    public func tick(elapsed: Duration, report: (String) -> Void) {
        let (start, end) = state.withLock { s -> (Bool, Bool) in
            if !s.started, elapsed >= startsAfter {
                s.started = true
                s.endsAt = .now + lasts
                return (true, false)
            }
            if s.started, !s.ended, let endsAt = s.endsAt, ContinuousClock.now >= endsAt {
                s.ended = true
                return (false, true)
            }
            return (false, false)
        }
        if start {
            downstream.set(.unavailable, for: prefix)
            report("outage: the \(prefix) downstream is down for \(Int(lasts.inSeconds)) s")
        }
        if end { endOutage(report: report) }
    }

    private func endOutage(report: (String) -> Void) {
        downstream.set(.healthy, for: prefix)
        report("outage: the \(prefix) downstream is back")
    }

    /// After traffic: waits out the outage, replays the dead letters it caused (the operator's
    /// `dcs dlq replay --class retries_exhausted`), waits for the final answers, replays again.
    public func afterTraffic(_ collector: OutcomeCollector, report: @Sendable (String) -> Void) async {
        let endsAt = state.withLock { $0.endsAt }
        if let endsAt, ContinuousClock.now < endsAt { try? await Task.sleep(until: endsAt, clock: .continuous) }
        if state.withLock({ s in defer { s.ended = true }; return !s.ended }) { endOutage(report: report) }
        // Requests still in a retry tier when the outage ended complete on their own; wait for them.
        let settle = ContinuousClock.now + .seconds(60)
        while !collector.isComplete, ContinuousClock.now < settle { try? await Task.sleep(for: .milliseconds(100)) }

        let selector = DeadLetterSelector(failureClasses: [.retriesExhausted])
        let first = await replay(selector, report: report)
        report("replay: \(first) dead letters republished")
        let deadline = ContinuousClock.now + .seconds(60)
        while collector.awaitingFinalCount > 0, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(100)) }
        let second = await replay(selector, report: report)
        report("second replay: \(second) republished (already replayed ones are skipped)")
        state.withLock { s in
            s.replayed = first
            s.replayedAgain = second
            s.awaitingFinal = collector.awaitingFinalCount
        }
    }

    private func replay(_ selector: DeadLetterSelector, report: @Sendable (String) -> Void) async -> Int {
        do {
            let store = try await DeadLetterStore.load(catalogue: catalogue, client: kafka, timeout: .seconds(30), logger: logger)
            let letters = store.select(selector, includeHandled: true)
            let result = try await withDeadLetterProducer(client: kafka, logger: logger) { [catalogue, logger] producer in
                let replayer = try DeadLetterReplayer(
                    catalogue: catalogue, producer: producer, options: ReplayOptions(operatorName: "dcs-up-outage-scenario", ratePerSecond: nil),
                    logger: logger)
                return await replayer.replay(letters, log: store.replayLog)
            }
            return result.replayed
        } catch {
            report("replay failed: \(error)")
            return 0
        }
    }

    /// The summary with the scenario's figures: `missing` also counts requests still "under review".
    public func complete(_ summary: RunSummary) -> RunSummary {
        var summary = summary
        state.withLock { s in
            summary.replayed = s.replayed
            summary.replayedAgain = s.replayedAgain
            summary.finalAnswers = summary.finalAfterReview
            summary.missing += s.awaitingFinal
        }
        return summary
    }
}
