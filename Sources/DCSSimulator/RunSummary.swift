import Foundation

/// What a simulated run measured: the summary `dcs up` prints and writes with `--json-summary`.
public struct RunSummary: Sendable, Codable, Equatable {
    /// Distinct requests sent (a resend of a request id counts once).
    public var sent: Int
    /// Resends of an earlier request id (a station retrying).
    public var resent: Int
    /// Requests with an outcome: a result, or a dead-letter record for messages too broken to answer.
    public var answered: Int
    /// Requests sent that got no outcome.
    public var missing: Int
    /// Requests that got more than one different final outcome (identical repeats are fine).
    public var duplicated: Int
    /// Outcomes that contradict what the request called for (e.g. an invalid code accepted).
    public var unexpected: Int
    /// Dead-letter records seen.
    public var deadLetters: Int
    /// Seconds from the first request sent to the last outcome.
    public var durationSeconds: Double
    /// Outcomes per second over that span.
    public var throughputPerSecond: Double
    /// End-to-end latency (station send to result received), milliseconds.
    public var p50Milliseconds: Double
    public var p99Milliseconds: Double
    /// service id -> status -> count; `dead_letter` for messages answered only by a dead letter.
    public var byService: [String: [String: Int]]
    /// category -> status -> count.
    public var byCategory: [String: [String: Int]]
    /// Requests answered "under review" (dead-lettered after a crash or exhausted retries).
    public var underReview: Int
    /// Of those, the ones whose final answer came later (after a replay).
    public var finalAfterReview: Int
    /// Answers held by the submitting station's library (reply routing end to end), when the
    /// stations ran on the library.
    public var deliveredToStations: Int?
    /// Answers the results topic carried that the submitting station did not hold (must be 0).
    public var notDeliveredToStations: Int?
    /// Outage scenario only: dead letters the first replay republished.
    public var replayed: Int?
    /// Outage scenario only: what a second, identical replay republished (must be 0).
    public var replayedAgain: Int?
    /// Outage scenario only: requests of the outage with their final answer after the replay.
    public var finalAnswers: Int?

    enum CodingKeys: String, CodingKey {
        case sent, resent, answered, missing, duplicated, unexpected
        case deadLetters = "dead_letters"
        case durationSeconds = "duration_s"
        case throughputPerSecond = "throughput_per_s"
        case p50Milliseconds = "p50_ms"
        case p99Milliseconds = "p99_ms"
        case byService = "by_service"
        case byCategory = "by_category"
        case underReview = "under_review"
        case finalAfterReview = "final_after_review"
        case deliveredToStations = "delivered_to_stations"
        case notDeliveredToStations = "not_delivered_to_stations"
        case replayed
        case replayedAgain = "replayed_again"
        case finalAnswers = "final_answers"
    }

    /// Every request has exactly one outcome, and every answer reached its station.
    public var isComplete: Bool { missing == 0 && duplicated == 0 && (notDeliveredToStations ?? 0) == 0 }

    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    /// A human-readable report.
    public var report: String {
        var lines = [
            "requests sent:     \(sent) (+\(resent) resends of an earlier request id)",
            "answered:          \(answered)",
            "missing outcome:   \(missing)",
            "conflicting:       \(duplicated)",
            "unexpected:        \(unexpected)",
            "dead letters:      \(deadLetters)",
            String(format: "throughput:        %.1f requests/s over %.1f s", throughputPerSecond, durationSeconds),
            String(format: "latency:           p50 %.1f ms, p99 %.1f ms (station to result)", p50Milliseconds, p99Milliseconds),
            "by service:",
        ]
        for (service, statuses) in byService.sorted(by: { $0.key < $1.key }) {
            lines.append("  \(service.padding(toLength: 32, withPad: " ", startingAt: 0)) " + statuses.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        if underReview > 0 { lines.insert("under review:      \(underReview) (\(finalAfterReview) with their final answer since)", at: 6) }
        if let replayed, let replayedAgain, let finalAnswers {
            lines.append("outage scenario:   replayed \(replayed), final answers \(finalAnswers), second replay replayed \(replayedAgain)")
        }
        if let deliveredToStations, let notDeliveredToStations {
            lines.insert("held by stations:  \(deliveredToStations) answers in the submitting station's outbox, \(notDeliveredToStations) not", at: 6)
        }
        lines.append(isComplete
            ? "check: every request sent has exactly one outcome" + (deliveredToStations == nil ? "" : ", and every answer reached its station")
            : "CHECK FAILED: \(missing) without outcome, \(duplicated) with conflicting outcomes, \(notDeliveredToStations ?? 0) answers not at their station")
        return lines.joined(separator: "\n")
    }
}
