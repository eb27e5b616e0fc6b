import DCSCatalogue
import DCSKafka
import DCSMessages
import Foundation
import Logging

/// Republishes dead letters' original records, at most once each, with a replay log.
///
/// For each dead letter, in the order given: skipped when the replay log already records it as
/// replayed (`already_replayed`) or purged; refused when its request id was already replayed
/// ``ReplayOptions/maxReplaysPerRequest`` times (`skipped_loop_guard`, reason `dlq.loop_guard`);
/// otherwise the ORIGINAL key, value and headers are sent to the original topic and partition (or
/// ``ReplayOptions/targetTopic``) with ``ReplayHeaderName`` headers added, and only once the broker
/// acknowledged it is the `replayed` entry written to `dcs.dlq.replay-log`. A run interrupted
/// between the two leaves one record republished without its entry: the next run republishes it
/// again, and the workers answer that request from the result they stored the first time
/// (they deduplicate by request id), so it is never applied twice.
///
/// Because each entry is written as soon as its record is replayed, a run stopped by a limit,
/// a cancellation or a crash is resumed by running it again.
public struct DeadLetterReplayer: Sendable {
    public let catalogue: TopicCatalogue
    public let producer: KafkaProducer
    public let options: ReplayOptions
    private let logger: Logger
    private let now: @Sendable () -> Date

    /// - Parameter producer: a running producer (see ``withDeadLetterProducer(client:logger:_:)``).
    /// - Throws: `dlq.invalid_option` for a target topic that is not a request or retry topic of
    ///   the catalogue, a non-positive rate, limit or loop-guard maximum.
    public init(
        catalogue: TopicCatalogue, producer: KafkaProducer, options: ReplayOptions, logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws(DeadLetterError) {
        if let target = options.targetTopic {
            guard let spec = catalogue.topic(named: target), spec.kind == .request || spec.kind == .retry else {
                throw DeadLetterError(code: .invalidOption, message: "--to-topic '\(target)' is not a request or retry topic of the catalogue")
            }
        }
        if let rate = options.ratePerSecond, !(rate > 0) {
            throw DeadLetterError(code: .invalidOption, message: "the rate must be positive")
        }
        if let limit = options.limit, limit < 1 {
            throw DeadLetterError(code: .invalidOption, message: "the limit must be at least 1")
        }
        guard options.maxReplaysPerRequest >= 1 else {
            throw DeadLetterError(code: .invalidOption, message: "--max-replays must be at least 1")
        }
        guard (1...200).contains(options.operatorName.count) else {
            throw DeadLetterError(code: .invalidOption, message: "the operator name must have 1 to 200 characters")
        }
        self.catalogue = catalogue
        self.producer = producer
        self.options = options
        self.logger = logger
        self.now = now
    }

    /// Replays `letters` (typically a store's selection including handled ones, so that already
    /// replayed ones are reported) against `log`.
    ///
    /// - Parameter progress: called after each dead letter with the number handled so far, the
    ///   total and the line.
    public func replay(
        _ letters: [StoredDeadLetter], log: ReplayLogIndex,
        progress: (@Sendable (Int, Int, ReplayReport.Line) -> Void)? = nil
    ) async -> ReplayReport {
        var log = log
        var report = ReplayReport(dryRun: options.dryRun)
        let clock = ContinuousClock()
        var nextSlot = clock.now
        let interval: Duration? = options.ratePerSecond.map { .nanoseconds(Int64(1_000_000_000 / $0)) }
        var sent = 0
        var stop: (reason: String, error: DeadLetterError?)?

        for (index, letter) in letters.enumerated() {
            let requestID = letter.requestID
            var line = ReplayReport.Line(id: letter.id, requestID: requestID?.lowercasedString, outcome: .notAttempted)
            defer {
                report.lines.append(line)
                progress?(index + 1, letters.count, line)
            }
            if let stop {
                line.reason = stop.reason
                continue
            }
            let previous = log.entry(for: letter.id)
            if previous?.outcome == .replayed {
                line.outcome = .alreadyReplayed
                line.reason = ReplayReport.Reason.alreadyReplayed
                line.target = previous?.replayedTo.map { "\($0.topic):\($0.partition):\($0.offset)" }
                continue
            }
            if previous?.outcome == .purged {
                line.outcome = .purged
                line.reason = ReplayReport.Reason.purged
                continue
            }
            let count = requestID.map { log.replayCount(of: $0) } ?? 0
            if count >= options.maxReplaysPerRequest {
                line.outcome = .skippedLoopGuard
                line.reason = ReplayReport.Reason.loopGuard
                line.detail = "request already replayed \(count) time(s) (max \(options.maxReplaysPerRequest))"
                continue
            }
            guard let value = letter.record.original.value else {
                line.outcome = .failed
                line.reason = ReplayReport.Reason.originalWithoutValue
                line.detail = "the original record has no value (tombstone); nothing to replay"
                continue
            }
            if let limit = options.limit, sent >= limit {
                stop = (ReplayReport.Reason.limitReached, nil)
                line.reason = ReplayReport.Reason.limitReached
                continue
            }
            if Task.isCancelled {
                stop = (ReplayReport.Reason.cancelled, nil)
                line.reason = ReplayReport.Reason.cancelled
                continue
            }
            let message = republished(letter, value: value, replayCount: count + 1)
            line.replayCount = count + 1
            if options.dryRun {
                line.outcome = .wouldReplay
                line.target = "\(message.topic)\(message.partition.map { ":\($0)" } ?? "")"
                sent += 1
                if let requestID { log.apply(plannedEntry(letter, requestID: requestID)) }
                continue
            }
            if let interval {
                if nextSlot > clock.now { try? await clock.sleep(until: nextSlot) }
                nextSlot = max(nextSlot, clock.now) + interval
            }
            sent += 1
            let delivery: KafkaDeliveryReport
            do {
                delivery = try await producer.send(message)
            } catch {
                line.outcome = .failed
                line.reason = ReplayReport.Reason.publishFailed
                line.detail = "\(error.code)"
                logger.warning("Replay failed", metadata: ["dlq.id": "\(letter.id)", "kafka.error": "\(error.code)"])
                // For the audit; the dead letter stays eligible.
                _ = try? await writeEntry(entry(letter, outcome: .replayFailed, requestID: requestID, note: "publish failed: \(error.code)"))
                continue
            }
            line.outcome = .replayed
            line.target = "\(delivery.topic):\(delivery.partition):\(delivery.offset)"
            let logged = entry(
                letter, outcome: .replayed, requestID: requestID,
                replayedTo: .init(topic: delivery.topic, partition: Int(delivery.partition), offset: delivery.offset), replayCount: count + 1
            )
            do {
                try await writeEntry(logged)
                log.apply(logged)
                logger.info("Dead letter replayed", metadata: [
                    "dlq.id": "\(letter.id)", "dlq.target": "\(line.target ?? "")", "dlq.replay_count": "\(count + 1)",
                ])
            } catch {
                let failure = DeadLetterError(code: .logWriteFailed, message: "\(letter.id) was republished to \(line.target ?? "?") but its replay-log entry could not be written (\(error.code)); stopping. A new run republishes it again; the workers answer it from their stored result.")
                logger.error("Replay-log entry not written; stopping", metadata: ["dlq.id": "\(letter.id)", "kafka.error": "\(error.code)"])
                line.detail = failure.message
                stop = (DeadLetterError.Code.logWriteFailed.rawValue, failure)
            }
        }
        report.stoppedBy = stop?.reason
        report.error = stop?.error
        return report
    }

    /// The record to republish: the original key, value and headers (earlier replay headers
    /// replaced), to the original topic and partition or the target topic.
    func republished(_ letter: StoredDeadLetter, value: Data, replayCount: Int) -> KafkaProducerMessage {
        let original = letter.record.original
        let topic = options.targetTopic ?? original.topic
        let partitions = catalogue.topic(named: topic)?.partitions
        let partition: Int32? = partitions.map { original.partition < $0 ? Int32(original.partition) : nil } ?? Int32(original.partition)
        var headers = original.headers
            .filter { !ReplayHeaderName.all.contains($0.key) }
            .map { KafkaHeader(key: $0.key, value: $0.value) }
        headers.append(KafkaHeader(key: ReplayHeaderName.replayOf, string: letter.id))
        headers.append(KafkaHeader(key: ReplayHeaderName.replayCount, string: String(replayCount)))
        headers.append(KafkaHeader(key: ReplayHeaderName.replayedBy, string: options.operatorName))
        return KafkaProducerMessage(topic: topic, partition: partition, key: original.key, value: value, headers: headers)
    }

    private func entry(
        _ letter: StoredDeadLetter, outcome: ReplayLogEntry.Outcome, requestID: UUID?,
        replayedTo: ReplayLogEntry.Target? = nil, replayCount: Int? = nil, note: String? = nil
    ) -> ReplayLogEntry {
        ReplayLogEntry(
            deadLetterID: letter.id, dlqTopic: letter.dlqTopic, dlqPartition: letter.dlqPartition, dlqOffset: letter.dlqOffset,
            outcome: outcome, replayedTo: replayedTo, decidedAt: now(), operatorName: options.operatorName, note: note,
            requestID: requestID, replayCount: replayCount
        )
    }

    /// A dry run counts its planned replays for the loop guard, as a real run would.
    private func plannedEntry(_ letter: StoredDeadLetter, requestID: UUID) -> ReplayLogEntry {
        entry(letter, outcome: .replayed, requestID: requestID, replayedTo: .init(topic: "dry-run", partition: 0, offset: 0))
    }

    private func writeEntry(_ entry: ReplayLogEntry) async throws(KafkaError) {
        try await ReplayLogWriter(catalogue: catalogue, producer: producer).write(entry)
    }
}
