import DCSKafka
import Foundation

/// A record to publish, written in the same transaction as the effect that produced it, so that a
/// crash between commit and publish cannot lose it: the next owner of the partition publishes what
/// was left unpublished.
struct OutboxRecord: Sendable {
    /// Where the record is kept until the broker acknowledges it.
    enum Origin: Sendable, Hashable {
        /// A row of the `outbox` table (dead letters, security events, retry hops, answers that
        /// are not stored for deduplication), deleted once delivered.
        case outbox(id: Int64)
        /// A request's answer, kept once in `processed_request` (for deduplication and for
        /// publication alike) and known published once the partition's `published_offset` has
        /// passed its source offset.
        case result(sourceOffset: Int64)
    }

    var origin: Origin
    var message: KafkaProducerMessage
}
