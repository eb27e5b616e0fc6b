import DCSCatalogue
import DCSKafka
import DCSMessages
import Foundation

/// Appends entries to `dcs.dlq.replay-log`, keyed by dead-letter id (so compaction keeps the
/// latest decision per dead letter), and waits for the broker's acknowledgement.
struct ReplayLogWriter: Sendable {
    let catalogue: TopicCatalogue
    let producer: KafkaProducer

    func write(_ entry: ReplayLogEntry) async throws(KafkaError) {
        let value: Data
        do {
            value = try entry.encoded()
        } catch {
            throw KafkaError(code: .invalidConfiguration, message: "cannot encode a replay-log entry: \(error.message)")
        }
        var headers = [KafkaHeader(key: MessageHeaderName.schemaVersion, string: String(ReplayLogEntry.currentSchemaVersion))]
        if let requestID = entry.requestID {
            headers.append(KafkaHeader(key: MessageHeaderName.requestID, string: requestID.lowercasedString))
        }
        _ = try await producer.send(KafkaProducerMessage(topic: catalogue.replayLogTopic.name, key: entry.deadLetterID, value: value, headers: headers))
    }
}
