import DCSKafka
import DCSMessages
import Foundation
import Logging

extension StationClient {
    /// The receiver loop: attaches to the link, then keeps this station's results.
    ///
    /// A fresh station learns where its reply partition ends, saves that as its position and opens
    /// the ready latch (the sender waits for it); when the cluster cannot be reached it tries again
    /// with backoff. A result of this station is stored together with the position after it, then
    /// handed to its waiters; a record before the saved position was stored already (a neighbour
    /// moved the shared partition back) and is passed over. The position past other stations'
    /// results is saved when the link reports it (about once a second).
    func receive() async {
        let station = configuration.stationID
        let reply = KafkaTopicPartition(topic: configuration.resultsTopic, partition: Int32(replyPartition))
        var position: Int64?
        do {
            position = try store.replyPosition(topic: reply.topic, partition: reply.partition)
        } catch {
            logger.error("Cannot read the reply position", metadata: ["error.code": "\(error.code.rawValue)"])
            give(up: error)
            return
        }
        guard let subscription = await attach(from: position) else { return }
        attachment.withLock { $0 = subscription.token }
        if signal.isFinished {
            // Stopped while attaching: the stop may have come before the token was known.
            stopReceiving()
            return
        }
        if position == nil {
            // A first start: nothing was sent before, so nothing of this station's lies before the end.
            do {
                try await store.saveReplyPosition(topic: reply.topic, partition: reply.partition, next: subscription.start)
                logger.debug("Reply position initialised", metadata: ["reply.partition": "\(reply.partition)", "kafka.offset": "\(subscription.start)"])
            } catch {
                logger.error("Cannot save the reply position; nothing is sent", metadata: ["error.code": "\(error.code.rawValue)"])
                give(up: error)
                stopReceiving()
                return
            }
        }
        var saved = subscription.start
        ready.open()

        for await event in subscription.events {
            switch event {
            case .record(let message):
                guard message.offset >= saved else { continue }
                await take(message, station: station.rawValue)
                saved = message.offset + 1
            case .passed(let next):
                guard next > saved else { continue }
                do {
                    try await store.saveReplyPosition(topic: reply.topic, partition: reply.partition, next: next)
                    saved = next
                } catch {
                    logger.error("Cannot save the reply position", metadata: ["error.code": "\(error.code.rawValue)"])
                }
            }
        }
    }

    /// Attaches to the link, trying again with backoff while the cluster cannot say where a fresh
    /// station's reply partition ends; `nil` when the client stops first or cannot attach at all.
    private func attach(from position: Int64?) async -> ReplySubscription? {
        var backoff = configuration.retryBackoff
        while !signal.isFinished && !Task.isCancelled {
            do {
                return try await link.attach(configuration.stationID, replyPartition: Int32(replyPartition), from: position)
            } catch {
                switch error.code {
                case .kafka:
                    logger.warning("Cannot start reading the reply partition yet; requests wait in the outbox", metadata: [
                        "error.code": "\(error.code.rawValue)", "reply.partition": "\(replyPartition)",
                    ])
                    await attachRetry.wait(timeout: backoff)
                    backoff = min(backoff * 2, configuration.retryBackoffMax)
                case .shutDown:
                    return nil
                default:
                    logger.error("Cannot read the reply partition", metadata: ["error.code": "\(error.code.rawValue)", "error.message": "\(error.message)"])
                    give(up: error)
                    return nil
                }
            }
        }
        return nil
    }

    /// The station cannot see its answers, so it must not send: the sender stops, and ``run()``
    /// throws `error`.
    private func give(up error: StationError) {
        receiverFailure.withLock { $0 = $0 ?? error }
        signal.finish()
        ready.close()
    }

    /// Handles a record that names this station.
    private func take(_ message: KafkaConsumerMessage, station: String) async {
        let result: ResultEnvelope
        do {
            result = try ResultEnvelope.decode(message.value)
        } catch {
            logger.warning("Unreadable record on the reply partition skipped", metadata: [
                "kafka.offset": "\(message.offset)", "error.code": "\(error.code.rawValue)",
            ])
            try? await store.saveReplyPosition(topic: message.topic, partition: message.partition, next: message.offset + 1)
            return
        }
        guard result.stationID.rawValue == station else {
            // The header named this station, the envelope another: not ours.
            try? await store.saveReplyPosition(topic: message.topic, partition: message.partition, next: message.offset + 1)
            return
        }
        do {
            let first = try await store.storeResult(
                result, value: message.value, topic: message.topic, partition: message.partition, offset: message.offset, at: Date())
            logger.debug(first ? "Result received" : "Repeated result ignored", metadata: [
                "request.id": "\(result.requestID.lowercasedString)", "result.status": "\(result.status.rawValue)",
            ])
        } catch {
            logger.error("Cannot store a result", metadata: ["error.code": "\(error.code.rawValue)", "request.id": "\(result.requestID.lowercasedString)"])
        }
        // Waiters get what the store holds: the first result of a request, even if this is a repeat.
        waiters.deliver((try? store.result(for: result.requestID)) ?? result)
    }
}
