import CRdKafka
import Foundation

/// The per-message opaque handed to librdkafka: called once with the message's delivery report.
///
/// `@unchecked Sendable`: immutable; the closure it holds is `@Sendable`.
final class DeliveryCompletion: @unchecked Sendable {
    private let body: @Sendable (Result<KafkaDeliveryReport, KafkaError>) -> Void

    init(_ body: @escaping @Sendable (Result<KafkaDeliveryReport, KafkaError>) -> Void) {
        self.body = body
    }

    /// Reads the report from librdkafka's message (valid only during the callback).
    func complete(with message: UnsafePointer<rd_kafka_message_t>) {
        let m = message.pointee
        let topic = m.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
        guard m.err != RD_KAFKA_RESP_ERR_NO_ERROR else {
            body(.success(KafkaDeliveryReport(topic: topic, partition: m.partition, offset: m.offset)))
            return
        }
        var error = KafkaError(m.err, context: "delivery to \(topic) failed", fallback: .deliveryFailed)
        if error.code != .fatal { error.code = .deliveryFailed }
        switch rd_kafka_message_status(message) {
        case RD_KAFKA_MSG_STATUS_NOT_PERSISTED: error.persistence = .notPersisted
        case RD_KAFKA_MSG_STATUS_PERSISTED: error.persistence = .persisted
        default: error.persistence = .possiblyPersisted
        }
        body(.failure(error))
    }
}
