import DCSKafka
import DCSMessages
import Foundation
import Logging

extension StationClient {
    /// The receiver loop: reads the reply partition, keeps this station's results.
    ///
    /// On assignment it pauses every partition but the reply partition and opens the ready latch
    /// once the position there is known. Results of other stations (about 85 share a partition in a
    /// fleet of 2,000) are skipped by the `dcs-station-id` header, or by the envelope when a record
    /// has no such header; the position past them is saved at most every
    /// ``StationConfiguration/positionSaveInterval``. A result of this station is stored together
    /// with the position after it, then handed to its waiters.
    func receive() async {
        let reply = KafkaTopicPartition(topic: configuration.resultsTopic, partition: Int32(replyPartition))
        let station = configuration.stationID.rawValue
        var unsavedPosition: Int64?
        var lastSave = ContinuousClock.now
        var probe: Task<Void, Never>?
        defer { probe?.cancel() }

        func savePosition() async {
            guard let next = unsavedPosition else { return }
            do {
                try await store.saveReplyPosition(topic: reply.topic, partition: reply.partition, next: next)
                unsavedPosition = nil
                lastSave = .now
            } catch {
                logger.error("Cannot save the reply position", metadata: ["error.code": "\(error.code.rawValue)"])
            }
        }

        for await event in consumer.events {
            switch event {
            case .rebalance(.assigned(let partitions)):
                let others = partitions.filter { $0 != reply }
                if !others.isEmpty {
                    do { try consumer.pause(others) } catch {
                        logger.warning("Cannot pause other results partitions", metadata: ["kafka.error": "\(error.code.rawValue)"])
                    }
                }
                guard partitions.contains(reply) else {
                    logger.error("The reply partition was not assigned to this station; is another process running with the same station id?", metadata: [
                        "error.code": "\(StationError.Code.replyPartitionUnassigned.rawValue)", "reply.partition": "\(replyPartition)",
                    ])
                    continue
                }
                if (try? store.replyPosition(topic: reply.topic, partition: reply.partition)) != nil {
                    ready.open()
                } else if !ready.isOpen {
                    probe?.cancel()
                    probe = Task { await self.learnStartPosition(reply) }
                }
            case .rebalance(.revoked), .rebalance(.lost):
                await savePosition()
            case .message(let message):
                guard message.topic == reply.topic, message.partition == reply.partition else { continue }
                if let header = message.headers.last(named: MessageHeaderName.stationID)?.stringValue, header != station {
                    unsavedPosition = message.offset + 1
                } else {
                    await take(message, station: station)
                    unsavedPosition = nil
                }
                if unsavedPosition != nil, ContinuousClock.now - lastSave >= configuration.positionSaveInterval {
                    await savePosition()
                }
            case .error(let error):
                logger.debug("Reply consumer error", metadata: ["kafka.error": "\(error.code.rawValue)"])
            }
        }
        await savePosition()
    }

    /// Handles a record that may be this station's result.
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
            try? await store.saveReplyPosition(topic: message.topic, partition: message.partition, next: message.offset + 1)
            return
        }
        do {
            let first = try await store.storeResult(
                result, value: message.value, topic: message.topic, partition: message.partition, offset: message.offset, at: Date())
            logger.debug(first ? "Result received" : "Repeated result ignored", metadata: [
                "request.id": "\(result.requestID.uuidString.lowercased())", "result.status": "\(result.status.rawValue)",
            ])
        } catch {
            logger.error("Cannot store a result", metadata: ["error.code": "\(error.code.rawValue)", "request.id": "\(result.requestID.uuidString.lowercased())"])
        }
        // Waiters get what the store holds: the first result of a request, even if this is a repeat.
        waiters.deliver((try? store.result(for: result.requestID)) ?? result)
    }

    /// A station without a saved position starts at the end of its reply partition; once the
    /// consumer's first fetch shows where that end is, it is saved and the sender may start. Nothing
    /// has been sent before, so nothing of this station's can be behind that point.
    private func learnStartPosition(_ reply: KafkaTopicPartition) async {
        while !Task.isCancelled && !signal.isFinished {
            if let end = consumer.cachedHighWatermark(for: reply) {
                do {
                    try await store.saveReplyPosition(topic: reply.topic, partition: reply.partition, next: end)
                    logger.debug("Reply position initialised", metadata: ["reply.partition": "\(reply.partition)", "kafka.offset": "\(end)"])
                    ready.open()
                    return
                } catch {
                    logger.error("Cannot save the reply position", metadata: ["error.code": "\(error.code.rawValue)"])
                }
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}
