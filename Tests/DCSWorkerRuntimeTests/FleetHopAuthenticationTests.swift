import DCSKafka
import DCSMessages
import DCSTestSupport
import DCSUtilities
import DCSWorkers
import Foundation
import GRDB
import Testing
@testable import DCSWorkerRuntime

/// A signed request that comes back through a retry tier or an operator's replay keeps its
/// original signature: it is still verified, but not aged out or taken for a replay attack.
@Suite("Authentication of retried and replayed requests")
struct FleetHopAuthenticationTests {
    private let scratch = TemporaryDirectory("dcs-hop")
    private let partition = KafkaTopicPartition(topic: "dcs.requests.utilities", partition: 0)
    private static let key = StationKey.generate(keyID: "st-27097-01-2026a", stationID: StationID(rawValue: "ST-27097-01")!, wards: [WardCode(rawValue: "27097")!])
    private let processor = RequestProcessor(
        handler: UtilitiesRequestHandler(), requestSchema: nil, resultsTopic: "dcs.results", resultsPartitions: 12,
        deadLetterTopic: "dcs.dlq.utilities", consumerGroup: "dcs-utilities", instanceID: "worker-a", retryTiers: [],
        retry: RetryPolicy(), authenticator: RequestAuthenticator(registry: StationKeyRegistry(keys: [Self.key]), maximumClockSkew: 300),
        fieldCipher: nil, securityEventsTopic: "dcs.security-events"
    )

    /// A lookup signed `age` seconds before `RuntimeFixture.now`, with `extra` headers (a hop's).
    /// `again`: the same value and signature as an earlier message (a redelivery of it).
    private func message(offset: Int64, age: TimeInterval, extra: [KafkaHeader] = [], again earlier: (KafkaConsumerMessage, RequestSignature)? = nil) throws -> (KafkaConsumerMessage, RequestSignature) {
        let request = RequestEnvelope(
            stationID: Self.key.stationID, wardCode: WardCode(rawValue: "27097")!, serviceID: ServiceID(rawValue: "utilities.electricity.lookup")!,
            submittedAt: RuntimeFixture.now, payload: ["customer_code": .string(SyntheticUtilitiesDirectory().customer(.electricity, at: 0).reference)]
        )
        let value = try earlier?.0.value ?? request.encoded()
        let signature = earlier?.1
        let signed = signature ?? RequestSignature.sign(value, stationID: Self.key.stationID, key: Self.key, at: RuntimeFixture.now.addingTimeInterval(-age))
        let headers = [KafkaHeader(key: MessageHeaderName.traceparent, string: TraceParent.random().headerValue)]
            + signed.headers.map { KafkaHeader(key: $0.0, string: $0.1) } + extra
        return (KafkaConsumerMessage(topic: partition.topic, partition: partition.partition, offset: offset, key: Data("k".utf8), value: value, headers: headers), signed)
    }

    private func outcomes(_ messages: [KafkaConsumerMessage], store: PartitionStore) throws -> [String] {
        try store.pool.writeWithoutTransaction { db in
            var outcomes: [String] = []
            try db.inTransaction(.immediate) {
                var outbox: [OutboxRecord] = []
                var context = RequestProcessor.BatchContext()
                for message in messages {
                    switch try processor.apply(message, now: RuntimeFixture.now, db: db, outbox: &outbox, batch: &context) {
                    case .handled: outcomes.append("handled")
                    case .deduplicated: outcomes.append("deduplicated")
                    case .refused(let code): outcomes.append(code)
                    default: outcomes.append("other")
                    }
                }
                return .commit
            }
            return outcomes
        }
    }

    @Test func aHopIsVerifiedButNotAgedOutNorTakenForAReplay() throws {
        let store = try PartitionStore.claim(owner: "worker-a", partition: partition, url: scratch.appending("p.sqlite"), handler: UtilitiesRequestHandler())
        let first = try message(offset: 0, age: 1)
        let fresh = first.0
        let (again, _) = try message(offset: 1, age: 1, again: first)
        let (replayed, _) = try message(offset: 2, age: 1, extra: [KafkaHeader(key: MessageHeaderName.replayOf, string: "dl-1")], again: first)
        let (stale, _) = try message(offset: 3, age: 600)
        let (retried, _) = try message(offset: 4, age: 600, extra: [KafkaHeader(key: MessageHeaderName.retryTier, string: "10m")])
        var (forged, _) = try message(offset: 5, age: 600, extra: [KafkaHeader(key: MessageHeaderName.retryTier, string: "10m")])
        forged = KafkaConsumerMessage(topic: forged.topic, partition: forged.partition, offset: forged.offset, key: forged.key,
                                      value: Data(String(decoding: forged.value, as: UTF8.self).replacingOccurrences(of: "lookup", with: "pay").utf8),
                                      headers: forged.headers)
        let got = try outcomes([fresh, again, replayed, stale, retried, forged], store: store)
        // The replay is the same request: answered again from its stored answer.
        #expect(got == ["handled", "security.replayed", "deduplicated", "security.expired", "handled", "security.signature_invalid"], "\(got)")
    }
}
