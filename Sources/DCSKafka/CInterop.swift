import CRdKafka
import Foundation

// Conversions between Swift values and librdkafka's C structures.

extension KafkaTopicPartitionOffset {
    /// Builds a C partition list, hands it to `body` and frees it.
    static func withCList<R>(
        _ items: [KafkaTopicPartitionOffset],
        _ body: (UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) -> R
    ) -> R {
        let list = rd_kafka_topic_partition_list_new(Int32(max(items.count, 1)))!
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for item in items {
            let element = rd_kafka_topic_partition_list_add(list, item.topicPartition.topic, item.topicPartition.partition)!
            element.pointee.offset = item.offset
        }
        return body(list)
    }
}

extension KafkaTopicPartition {
    static func withCList<R>(
        _ items: [KafkaTopicPartition],
        _ body: (UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) -> R
    ) -> R {
        KafkaTopicPartitionOffset.withCList(
            items.map { KafkaTopicPartitionOffset(topic: $0.topic, partition: $0.partition, offset: Int64(RD_KAFKA_OFFSET_INVALID)) },
            body
        )
    }

    /// Reads a C partition list: each entry with its offset and per-partition error.
    static func entries(
        of list: UnsafePointer<rd_kafka_topic_partition_list_t>
    ) -> [(partition: KafkaTopicPartition, offset: Int64, error: rd_kafka_resp_err_t)] {
        (0..<Int(list.pointee.cnt)).map { index in
            let element = list.pointee.elems[index]
            return (
                KafkaTopicPartition(topic: String(cString: element.topic), partition: element.partition),
                element.offset,
                element.err
            )
        }
    }
}

extension KafkaConsumerMessage {
    /// Copies a C message (which the caller still owns and must destroy).
    init(copying message: UnsafePointer<rd_kafka_message_t>) {
        let m = message.pointee
        let topic = m.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
        let key = m.key.map { Data(bytes: $0, count: m.key_len) }
        let value = m.payload.map { Data(bytes: $0, count: m.len) } ?? Data()
        var type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let ms = rd_kafka_message_timestamp(message, &type)
        let timestamp = type == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE || ms < 0
            ? nil : Date(timeIntervalSince1970: Double(ms) / 1000)
        self.init(
            topic: topic,
            partition: m.partition,
            offset: m.offset,
            key: key,
            value: value,
            headers: Self.headers(of: message),
            timestamp: timestamp
        )
    }

    private static func headers(of message: UnsafePointer<rd_kafka_message_t>) -> [KafkaHeader] {
        var headers: OpaquePointer?
        guard rd_kafka_message_headers(message, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR, let headers else {
            return []
        }
        var result: [KafkaHeader] = []
        var index = 0
        while true {
            var name: UnsafePointer<CChar>?
            var value: UnsafeRawPointer?
            var size = 0
            guard rd_kafka_header_get_all(headers, index, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR else { break }
            result.append(KafkaHeader(
                key: name.map { String(cString: $0) } ?? "",
                value: value.map { Data(bytes: $0, count: size) }
            ))
            index += 1
        }
        return result
    }
}

extension Array where Element == KafkaHeader {
    /// A new `rd_kafka_headers_t` holding copies of these headers; the caller owns it.
    func makeCHeaders() -> OpaquePointer? {
        guard !isEmpty, let headers = rd_kafka_headers_new(count) else { return nil }
        for header in self {
            if let value = header.value {
                value.withUnsafeBytes { bytes in
                    _ = rd_kafka_header_add(headers, header.key, -1, bytes.baseAddress, bytes.count)
                }
            } else {
                _ = rd_kafka_header_add(headers, header.key, -1, nil, 0)
            }
        }
        return headers
    }
}

extension String {
    /// Reads a NUL-terminated error buffer filled by librdkafka.
    init(errorBuffer buffer: [CChar]) {
        self = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}
