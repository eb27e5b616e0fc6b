import DCSKafka
import Foundation
import Logging

extension StationClient {
    /// The sender loop: waits for the reply position, then publishes waiting outbox rows in order.
    ///
    /// Each round takes up to ``StationConfiguration/sendBatchSize`` rows, oldest first, counts an
    /// attempt, hands them to the idempotent producer in order (no duplicates or reordering from
    /// its internal retries, per partition) and marks every acknowledged row sent. When any row
    /// fails (cluster unreachable past the delivery timeout, producer shutting down) the loop pauses
    /// with exponential backoff and starts again from the oldest row still waiting, with the bytes
    /// stored for it: a request that may have been written anyway is sent again under the same id,
    /// which the workers deduplicate.
    func send() async {
        guard await ready.wait() else { return }
        logger.debug("Sender ready", metadata: ["outbox.waiting": "\((try? store.waitingCount()) ?? -1)"])
        var backoff = configuration.retryBackoff
        while !signal.isFinished && !Task.isCancelled {
            let batch: [OutboxEntry]
            do {
                batch = try store.waiting(limit: configuration.sendBatchSize)
            } catch {
                logger.error("Cannot read the outbox", metadata: ["error.code": "\(error.code.rawValue)"])
                await signal.wait(timeout: backoff)
                backoff = min(backoff * 2, configuration.retryBackoffMax)
                continue
            }
            if batch.isEmpty {
                await signal.wait()
                continue
            }
            if await publish(batch) {
                backoff = configuration.retryBackoff
            } else {
                await signal.wait(timeout: backoff)
                backoff = min(backoff * 2, configuration.retryBackoffMax)
            }
        }
    }

    /// Publishes one batch in order; `true` when every row was acknowledged and marked sent.
    private func publish(_ batch: [OutboxEntry]) async -> Bool {
        do {
            try await store.recordAttempt(batch.map(\.sequence))
        } catch {
            logger.error("Cannot count a publish attempt", metadata: ["error.code": "\(error.code.rawValue)"])
            return false
        }
        let (reports, continuation) = AsyncStream.makeStream(of: (Int, Result<KafkaDeliveryReport, KafkaError>).self)
        var queued = 0
        var failure: KafkaError?
        for (index, entry) in batch.enumerated() {
            do {
                try await link.producer.enqueue(entry.message(signedWith: configuration.signingKey)) { continuation.yield((index, $0)) }
                queued += 1
            } catch {
                failure = error
                break
            }
        }
        var delivered: [(sequence: Int64, partition: Int32, offset: Int64)] = []
        var received = 0
        if queued > 0 {
            for await (index, result) in reports {
                received += 1
                switch result {
                case .success(let report):
                    delivered.append((batch[index].sequence, report.partition, report.offset))
                case .failure(let error):
                    failure = failure ?? error
                    logger.warning("Request not acknowledged; it stays in the outbox", metadata: [
                        "request.id": "\(batch[index].requestID.lowercasedString)", "kafka.error": "\(error.code.rawValue)",
                        "kafka.persistence": "\(error.persistence?.rawValue ?? "unknown")",
                    ])
                }
                if received == queued { break }
            }
        }
        continuation.finish()
        do {
            try await store.markSent(delivered, at: Date())
        } catch {
            logger.error("Cannot mark requests sent; they will be sent again", metadata: ["error.code": "\(error.code.rawValue)"])
            return false
        }
        if !delivered.isEmpty {
            logger.debug("Requests sent", metadata: ["count": "\(delivered.count)"])
        }
        if let failure {
            if failure.code != .shutDown {
                logger.warning("Publishing paused; requests wait in the outbox", metadata: ["kafka.error": "\(failure.code.rawValue)"])
            }
            return false
        }
        return true
    }
}
