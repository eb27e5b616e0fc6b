import DCSKafka
import DCSMessages
import Foundation
import Logging
import ServiceLifecycle

/// Hands requests waiting in the delayed retry tiers back to their request topic once their delay
/// has passed, on the partition number they came from (so a subject's requests stay on one
/// partition and its database).
///
/// One consumer per tier, so a long tier never holds a short one back. Within a tier, records are
/// in append order and share one delay, so waiting for the head of the stream delays the others by
/// at most the spread of their append times across partitions. A record is marked done only after
/// the request topic acknowledged it: at least once, and a request forwarded twice is recognised by
/// its request id downstream.
final class RetryForwarder: Service, Sendable {
    private let tiers: [RetryTier]
    private let requestTopic: String
    private let groupID: String
    private let kafka: KafkaClientConfiguration
    private let producer: KafkaProducer
    private let logger: Logger

    init(tiers: [RetryTier], requestTopic: String, groupID: String, kafka: KafkaClientConfiguration, producer: KafkaProducer, logger: Logger) {
        self.tiers = tiers
        self.requestTopic = requestTopic
        self.groupID = groupID
        self.kafka = kafka
        self.producer = producer
        self.logger = logger
    }

    func run() async throws {
        let consumers = try tiers.map { tier in
            (tier, try KafkaConsumer(
                configuration: KafkaConsumerConfiguration(client: kafka, groupID: "\(groupID).retry.\(tier.name)", topics: [tier.topic]),
                logger: logger
            ))
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (tier, consumer) in consumers {
                group.addTask { try await consumer.run() }
                group.addTask { [self] in
                    do {
                        try await forward(tier, from: consumer)
                    } catch {
                        // Shutdown while waiting for a delay: the record is simply consumed again later.
                        consumer.triggerShutdown()
                        if !(error is CancellationError) { throw error }
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    private func forward(_ tier: RetryTier, from consumer: KafkaConsumer) async throws {
        var logger = self.logger
        logger[metadataKey: "retry.tier"] = "\(tier.name)"
        for await event in consumer.events {
            guard case .message(let message) = event else { continue }
            // The catalogue sets LogAppendTime on retry topics: the delay runs from the broker's append.
            let due = (message.timestamp ?? Date()).addingTimeInterval(tier.delay.inSeconds)
            let wait = due.timeIntervalSinceNow
            if wait > 0 {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(Int(wait * 1_000))) }
            }
            _ = try await producer.send(KafkaProducerMessage(
                topic: requestTopic, partition: message.partition, key: message.key, value: message.value, headers: message.headers
            ))
            try consumer.markDone(message)
            logger.debug("Retry handed back", metadata: ["kafka.partition": "\(message.partition)", "kafka.offset": "\(message.offset)"])
        }
    }
}
