import DCSKafka
import DCSMessages
import DCSSchema
import DCSTestSupport
import Foundation
import GRDB
import Testing
@testable import DCSWorkerRuntime

/// Result data a handler wrote directly is sealed like data given as members: a sensitive member
/// is encrypted, and data without one is published as written.
@Suite("Sealing result data")
struct ResultDataSealingTests {
    private let scratch = TemporaryDirectory("dcs-sealing")
    private let partition = KafkaTopicPartition(topic: "dcs.requests.utilities", partition: 0)
    private let cipher = FieldCipher(keys: FieldKeyRing.generate())

    /// Answers every request with `data`.
    private struct WrittenDataHandler: RequestHandler {
        let data: JSONObjectBytes
        var category: ServiceCategory { .utilities }
        func registerMigrations(_ migrator: inout DatabaseMigrator) {}
        func handle(_ request: RequestEnvelope, now: Date, db: Database) throws -> HandlerOutcome {
            .completed(data: .encoded(data))
        }
    }

    private func answer(with data: JSONObjectBytes) throws -> (RequestEnvelope, ResultEnvelope) {
        let handler = WrittenDataHandler(data: data)
        let processor = RequestProcessor(
            handler: handler, requestSchema: nil, resultsTopic: "dcs.results", resultsPartitions: 12,
            deadLetterTopic: "dcs.dlq.utilities", consumerGroup: "dcs-utilities", instanceID: "worker-a", retryTiers: [],
            retry: RetryPolicy(), authenticator: nil, fieldCipher: cipher, securityEventsTopic: "dcs.security.events"
        )
        let store = try PartitionStore.claim(owner: "worker-a", partition: partition, url: scratch.appending("\(UUID()).sqlite"), handler: handler)
        let request = RequestEnvelope(
            requestID: UUID(), stationID: StationID(rawValue: "ST-27097-01")!, wardCode: WardCode(rawValue: "27097")!,
            serviceID: ServiceID(rawValue: "utilities.electricity.lookup")!, submittedAt: RuntimeFixture.now,
            payload: ["customer_code": "PE0400012345"]
        )
        let message = KafkaConsumerMessage(topic: partition.topic, partition: partition.partition, offset: 0, key: Data("k".utf8), value: try request.encoded(), headers: [])
        try store.pool.writeWithoutTransaction { db in
            var outbox: [OutboxRecord] = []
            var context = RequestProcessor.BatchContext()
            try db.inTransaction(.immediate) {
                _ = try processor.apply(message, now: RuntimeFixture.now, db: db, outbox: &outbox, batch: &context)
                return .commit
            }
        }
        let stored = try #require(try store.pool.read { db in try Data.fetchOne(db, sql: "SELECT result FROM processed_request") })
        return (request, try ResultEnvelope.decode(stored, schema: nil))
    }

    @Test func aSensitiveMemberWrittenDirectlyIsEncrypted() throws {
        var writer = JSONObjectWriter()
        writer.object("holder") { $0.string("holder_id_number", "079123456789") }
        writer.string("receipt", "R-1")
        let (request, result) = try answer(with: writer.finish())
        let sealed = try #require(result.data?["holder"]?["holder_id_number"]?.stringValue)
        #expect(sealed.hasPrefix(FieldCipher.prefix))
        #expect(result.data?["receipt"] == "R-1")
        let opened = try cipher.decrypt(try #require(result.data), category: .utilities, requestID: request.requestID)
        #expect(opened["holder"]?["holder_id_number"] == "079123456789")
    }

    @Test func dataWithoutOneIsPublishedAsWritten() throws {
        var writer = JSONObjectWriter()
        writer.integer("amount_paid", 648_000)
        writer.string("note", "\"id_number\": only text")
        let written = writer.finish()
        let (_, result) = try answer(with: written)
        #expect(result.data == written.members)
        #expect(try result.encoded().range(of: Data(written.bytes)) != nil)
    }
}
