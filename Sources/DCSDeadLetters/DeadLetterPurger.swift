import DCSCatalogue
import DCSKafka
import Foundation
import Logging

/// Marks dead letters as purged in the replay log.
///
/// Kafka cannot delete a single record, so a purge writes a `purged` entry per dead letter; purged
/// dead letters drop out of stats, lists and replays, and the records themselves expire with the
/// DLQ topic's retention. Nothing is written unless `confirm` is set.
public struct DeadLetterPurger: Sendable {
    public let catalogue: TopicCatalogue
    public let producer: KafkaProducer
    public let operatorName: String
    private let logger: Logger
    private let now: @Sendable () -> Date

    public init(catalogue: TopicCatalogue, producer: KafkaProducer, operatorName: String, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) {
        self.catalogue = catalogue
        self.producer = producer
        self.operatorName = operatorName
        self.logger = logger
        self.now = now
    }

    /// Purges the pending ones of `letters`. Without `confirm`, only reports what it would purge.
    public func purge(_ letters: [StoredDeadLetter], confirm: Bool, note: String? = nil) async -> PurgeReport {
        var report = PurgeReport(confirmed: confirm)
        for letter in letters {
            var line = PurgeReport.Line(id: letter.id, requestID: letter.requestID?.lowercasedString, outcome: .wouldPurge)
            defer { report.lines.append(line) }
            switch letter.state {
            case .replayed: line.outcome = .alreadyReplayed; continue
            case .purged: line.outcome = .alreadyPurged; continue
            case .pending: break
            }
            guard confirm else { continue }
            if report.error != nil || Task.isCancelled { line.outcome = .notAttempted; continue }
            let entry = ReplayLogEntry(
                deadLetterID: letter.id, dlqTopic: letter.dlqTopic, dlqPartition: letter.dlqPartition, dlqOffset: letter.dlqOffset,
                outcome: .purged, decidedAt: now(), operatorName: operatorName, note: note, requestID: letter.requestID
            )
            do {
                try await ReplayLogWriter(catalogue: catalogue, producer: producer).write(entry)
                line.outcome = .purged
                logger.info("Dead letter purged", metadata: ["dlq.id": "\(letter.id)"])
            } catch {
                line.outcome = .failed
                report.error = DeadLetterError(code: .logWriteFailed, message: "cannot write the purge of \(letter.id) to the replay log (\(error.code)); stopping")
            }
        }
        return report
    }
}

/// What a purge did (or, unconfirmed, would do).
public struct PurgeReport: Sendable, Equatable, Codable {
    public enum Outcome: String, Sendable, Equatable, Codable, CaseIterable {
        case purged
        /// Unconfirmed: would be purged.
        case wouldPurge = "would_purge"
        case alreadyPurged = "already_purged"
        /// Already replayed: nothing to purge.
        case alreadyReplayed = "already_replayed"
        case failed
        case notAttempted = "not_attempted"
    }

    public struct Line: Sendable, Equatable, Codable {
        public var id: String
        public var requestID: String?
        public var outcome: Outcome

        enum CodingKeys: String, CodingKey {
            case id, outcome
            case requestID = "request_id"
        }
    }

    public var confirmed: Bool
    public var lines: [Line] = []
    public var error: DeadLetterError?

    public init(confirmed: Bool) { self.confirmed = confirmed }

    public func count(_ outcome: Outcome) -> Int { lines.filter { $0.outcome == outcome }.count }

    public var counts: [String: Int] { Dictionary(uniqueKeysWithValues: Outcome.allCases.map { ($0.rawValue, count($0)) }) }

    public var summary: String {
        (confirmed ? "" : "not confirmed (pass --confirm): ") + Outcome.allCases.map { "\(count($0)) \($0.rawValue)" }.joined(separator: ", ")
    }

    enum CodingKeys: String, CodingKey { case confirmed, lines, error, counts }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        confirmed = try c.decode(Bool.self, forKey: .confirmed)
        lines = try c.decode([Line].self, forKey: .lines)
        error = try c.decodeIfPresent(DeadLetterError.self, forKey: .error)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(confirmed, forKey: .confirmed)
        try c.encode(lines, forKey: .lines)
        try c.encodeIfPresent(error, forKey: .error)
        try c.encode(counts, forKey: .counts)
    }
}
