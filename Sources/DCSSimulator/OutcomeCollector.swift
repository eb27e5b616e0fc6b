import DCSMessages
import DCSSchema
import Foundation
import Synchronization

/// Matches what stations sent with what came back (results and dead letters), thread-safely.
public final class OutcomeCollector: Sendable {
    private struct Entry {
        var serviceID: String
        var expectation: PlannedRequest.Expectation
        var sentAt: ContinuousClock.Instant
        /// Distinct outcomes seen; more than one means conflicting answers.
        var outcomes: [Outcome] = []
        var firstStatus: String?
        var latency: Duration?
        /// The first outcome that is not `under_review`: the answer that stands.
        var final: Outcome?
        /// An `under_review` result came first (the request was dead-lettered, then maybe replayed).
        var wasUnderReview = false
        /// The station whose library submitted it (`nil` when the simulator published it itself).
        var station: StationID?
    }

    private struct Outcome: Equatable {
        var status: String
        var code: String?
        var data: [String: JSONValue]?
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var resent = 0
        var deadLetters = 0
        var firstSent: ContinuousClock.Instant?
        var lastOutcome: ContinuousClock.Instant?
        var answered = 0
        var delivery: (delivered: Int, notDelivered: Int)?
    }

    private let state = Mutex(State())

    public init() {}

    public func sent(_ request: PlannedRequest, at instant: ContinuousClock.Instant = .now) {
        state.withLock { s in
            if s.firstSent == nil { s.firstSent = instant }
            if request.isResend, s.entries[request.correlation] != nil {
                s.resent += 1
                return
            }
            s.entries[request.correlation] = Entry(
                serviceID: request.serviceID, expectation: request.expectation, sentAt: instant,
                station: request.submission.map(\.station))
        }
    }

    /// The station library refused the request before it left the kiosk (e.g.
    /// `station.missing_subject`): its one outcome, recorded at once.
    public func refusedAtStation(_ correlation: String, code: String, at instant: ContinuousClock.Instant = .now) {
        record(correlation, Outcome(status: Self.refusedAtStation, code: code), at: instant)
    }

    /// Requests whose station's library should hold their answer: submitted through it and
    /// answered with a result, with the status of the answer that stands.
    public func answersOwedToStations() -> [(station: StationID, requestID: UUID, status: String)] {
        state.withLock { s in
            s.entries.compactMap { correlation, entry in
                guard let station = entry.station, let id = UUID(uuidString: correlation),
                      let status = entry.final?.status ?? entry.firstStatus,
                      status != "dead_letter", status != Self.refusedAtStation
                else { return nil }
                return (station, id, status)
            }
        }
    }

    /// What the stations themselves stored, compared with ``answersOwedToStations()``.
    public func stationDelivery(delivered: Int, notDelivered: Int) {
        state.withLock { $0.delivery = (delivered, notDelivered) }
    }

    public func received(_ result: ResultEnvelope, at instant: ContinuousClock.Instant = .now) {
        record(result.requestID.lowercasedString, Outcome(status: result.status.rawValue, code: result.error?.code, data: result.data), at: instant)
    }

    public func received(_ record: DeadLetterRecord, at instant: ContinuousClock.Instant = .now) {
        state.withLock { $0.deadLetters += 1 }
        // A message answered with a result is counted by its result; one too broken for that, by its dead letter.
        let correlation = record.original.key.flatMap { String(data: $0, encoding: .utf8) } ?? ""
        let known = state.withLock { $0.entries[correlation]?.expectation == .deadLetter }
        if known { self.record(correlation, Outcome(status: "dead_letter", code: record.failure.reasonCode), at: instant) }
    }

    private func record(_ correlation: String, _ outcome: Outcome, at instant: ContinuousClock.Instant) {
        state.withLock { s in
            guard var entry = s.entries[correlation] else { return }
            if entry.outcomes.isEmpty {
                s.answered += 1
                entry.firstStatus = outcome.status
                entry.latency = instant - entry.sentAt
            }
            // "Under review" is provisional: a replay may still bring the final answer.
            if outcome.status == Self.underReview {
                if entry.final == nil { entry.wasUnderReview = true }
            } else if entry.final == nil {
                entry.final = outcome
            }
            if !entry.outcomes.contains(outcome) { entry.outcomes.append(outcome) }
            s.entries[correlation] = entry
            s.lastOutcome = instant
        }
    }

    static let underReview = "under_review"
    static let refusedAtStation = "refused_at_station"

    /// Whether the standing outcome contradicts what the request called for.
    private static func isUnexpected(_ entry: Entry) -> Bool {
        guard let standing = entry.final ?? entry.outcomes.first else { return false }
        switch entry.expectation {
        case .valid: return !(standing.status == "completed" || standing.status == "rejected")
        case .rejected(let expected):
            // The library may catch an invalid request before it leaves (a missing subject field).
            return !(standing.status == "rejected" && standing.code == expected) && standing.status != refusedAtStation
        case .deadLetter: return standing.status != "dead_letter"
        }
    }

    /// Requests answered "under review" and still without their final answer.
    public var awaitingFinalCount: Int { state.withLock { $0.entries.values.filter { $0.wasUnderReview && $0.final == nil }.count } }

    public var answeredCount: Int { state.withLock { $0.answered } }
    public var sentCount: Int { state.withLock { $0.entries.count } }
    public var isComplete: Bool { state.withLock { $0.answered == $0.entries.count } }

    public func summary() -> RunSummary {
        state.withLock { s in
            var byService: [String: [String: Int]] = [:]
            var byCategory: [String: [String: Int]] = [:]
            var latencies: [Double] = []
            for entry in s.entries.values {
                guard let status = entry.final?.status ?? entry.firstStatus else { continue }
                byService[entry.serviceID, default: [:]][status, default: 0] += 1
                let category = ServiceID(rawValue: entry.serviceID)?.category.rawValue ?? "unknown"
                byCategory[category, default: [:]][status, default: 0] += 1
                if let latency = entry.latency, status != "dead_letter" {
                    latencies.append(latency.inSeconds * 1_000)
                }
            }
            let percentiles = LatencyPercentiles(latencies)
            let span = s.firstSent.flatMap { first in s.lastOutcome.map { $0 - first } } ?? .zero
            let seconds = span.inSeconds
            return RunSummary(
                sent: s.entries.count,
                resent: s.resent,
                answered: s.answered,
                missing: s.entries.count - s.answered,
                duplicated: s.entries.values.filter { $0.outcomes.filter { $0.status != Self.underReview }.count > 1 }.count,
                unexpected: s.entries.values.filter(Self.isUnexpected).count,
                deadLetters: s.deadLetters,
                durationSeconds: seconds,
                throughputPerSecond: seconds > 0 ? Double(s.answered) / seconds : 0,
                p50Milliseconds: percentiles.percentile(0.50),
                p99Milliseconds: percentiles.percentile(0.99),
                byService: byService,
                byCategory: byCategory,
                underReview: s.entries.values.filter(\.wasUnderReview).count,
                finalAfterReview: s.entries.values.filter { $0.wasUnderReview && $0.final != nil }.count,
                deliveredToStations: s.delivery?.delivered,
                notDeliveredToStations: s.delivery?.notDelivered
            )
        }
    }
}
