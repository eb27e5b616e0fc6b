import DCSKafka
import Foundation

/// A record to publish, written in the same transaction as the effect that produced it, so that a
/// crash between commit and publish cannot lose a result: the next owner of the partition publishes
/// what is left in the outbox.
struct OutboxRecord: Sendable {
    var id: Int64
    var message: KafkaProducerMessage
}
