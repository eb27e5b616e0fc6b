import DCSKafka
import DCSMessages
import DCSTestSupport
import DCSUtilities
import DCSWorkers
import Foundation
import GRDB
import Testing
@testable import DCSWorkerRuntime

/// The batch's one-statement look-up of request ids already answered: it only spares look-ups,
/// it never lets a request be applied twice, whatever the messages' `dcs-request-id` headers say.
@Suite("Deduplication within a batch")
struct BatchDeduplicationTests {
    private let scratch = TemporaryDirectory("dcs-dedup")
    private let partition = KafkaTopicPartition(topic: "dcs.requests.utilities", partition: 0)
    private let processor = RequestProcessor(
        handler: UtilitiesRequestHandler(), requestSchema: nil, resultsTopic: "dcs.results", resultsPartitions: 12,
        deadLetterTopic: "dcs.dlq.utilities", consumerGroup: "dcs-utilities", instanceID: "worker-a", retryTiers: [],
        retry: RetryPolicy(), authenticator: nil, fieldCipher: nil, securityEventsTopic: "dcs.security.events"
    )

    /// A payment for the first electricity customer from `index` on with a bill to pay.
    private static func pay(_ index: Int) throws -> RequestEnvelope {
        let directory = SyntheticUtilitiesDirectory()
        let anchor = BillingPeriod.containing(RuntimeFixture.now)
        let customer = try #require((index..<(index + 1_000)).lazy.map { directory.customer(.electricity, at: $0) }
            .first { directory.bills(for: $0, anchor: anchor).contains { !$0.paidElsewhere } })
        return RequestEnvelope(
            requestID: UUID(), stationID: StationID(rawValue: "ST-27097-01")!, wardCode: WardCode(rawValue: "27097")!,
            serviceID: ServiceID(rawValue: "utilities.electricity.pay")!, submittedAt: RuntimeFixture.now,
            payload: ["customer_code": .string(customer.reference)]
        )
    }

    private func message(_ request: RequestEnvelope, offset: Int64, announcing announced: String?) throws -> KafkaConsumerMessage {
        KafkaConsumerMessage(
            topic: partition.topic, partition: partition.partition, offset: offset, key: Data("k".utf8), value: try request.encoded(),
            headers: announced.map { [KafkaHeader(key: MessageHeaderName.requestID, string: $0)] } ?? []
        )
    }

    /// Applies `messages` as the lane does (one transaction, the look-up first) and returns the outcomes.
    private func apply(_ messages: [KafkaConsumerMessage], store: PartitionStore) throws -> [RequestProcessor.Outcome] {
        try store.pool.writeWithoutTransaction { db in
            var outcomes: [RequestProcessor.Outcome] = []
            try db.inTransaction(.immediate) {
                var outbox: [OutboxRecord] = []
                var context = RequestProcessor.BatchContext()
                context.unanswered = try processor.unansweredRequestIDs(in: messages, db: db)
                for message in messages {
                    outcomes.append(try processor.apply(message, now: RuntimeFixture.now, db: db, outbox: &outbox, batch: &context))
                }
                return .commit
            }
            return outcomes
        }
    }

    private func payments(_ store: PartitionStore) throws -> Int {
        try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM utilities_payment") ?? 0 }
    }

    private static func kinds(_ outcomes: [RequestProcessor.Outcome]) -> [String] {
        outcomes.map {
            switch $0 {
            case .handled: "handled"
            case .deduplicated: "deduplicated"
            default: "other"
            }
        }
    }

    @Test func theSameRequestTwiceInOneBatchIsAppliedOnce() throws {
        let store = try PartitionStore.claim(owner: "worker-a", partition: partition, url: scratch.appending("p.sqlite"), handler: UtilitiesRequestHandler())
        let pay = try Self.pay(3)
        let id = pay.requestID.lowercasedString
        let outcomes = try apply([try message(pay, offset: 0, announcing: id), try message(pay, offset: 1, announcing: id)], store: store)
        #expect(Self.kinds(outcomes) == ["handled", "deduplicated"])
        #expect(try payments(store) == 1)
        // And in a later batch, the stored answer again.
        #expect(Self.kinds(try apply([try message(pay, offset: 2, announcing: id)], store: store)) == ["deduplicated"])
        #expect(try payments(store) == 1)
    }

    @Test func aHeaderNamingAnotherRequestSparesNothingItShouldNot() throws {
        let store = try PartitionStore.claim(owner: "worker-a", partition: partition, url: scratch.appending("p.sqlite"), handler: UtilitiesRequestHandler())
        let first = try Self.pay(5), second = try Self.pay(11)
        // Headers that name another message's request, none, or garbage: each request is still
        // applied once, and its repeat answered from what is stored.
        let outcomes = try apply([
            try message(first, offset: 0, announcing: second.requestID.lowercasedString),
            try message(second, offset: 1, announcing: nil),
            try message(second, offset: 2, announcing: first.requestID.lowercasedString),
            try message(first, offset: 3, announcing: "NOT-A-UUID\"],\"x"),
        ], store: store)
        #expect(Self.kinds(outcomes) == ["handled", "handled", "deduplicated", "deduplicated"])
        #expect(try payments(store) == 2)
    }
}
