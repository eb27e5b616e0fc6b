import DCSKafka
import DCSMessages
import DCSSchema
import DCSTestSupport
import Foundation
import Testing

@Suite("Reply routing")
struct ReplyRoutingTests {
    @Test func aResultGoesToTheReplyPartitionTheRequestNamed() async throws {
        let fixture = try RuntimeFixture()
        let worker = try fixture.worker()
        let station = try fixture.stationProducer()
        let results = try fixture.reader([fixture.catalogue.resultsTopic.name])
        let customer = fixture.electricity(11)
        let routed = with(fixture.request("utilities.electricity.lookup", payload: ["customer_code": .string(customer)])) { $0.replyPartition = 17 }
        let outOfRange = with(fixture.request("utilities.electricity.lookup", payload: ["customer_code": .string(customer)])) {
            $0.replyPartition = fixture.catalogue.resultsTopic.partitions
        }
        let received = try await withServices([station, results] + worker.services, logger: fixture.logger) {
            try await fixture.send(routed, subject: customer, with: station)
            try await fixture.send(routed, subject: customer, with: station)  // the deduplicated answer too
            try await fixture.send(outOfRange, subject: customer, with: station)
            return try await collect(results, count: 3)
        }
        let onReplyPartition = try received.filter { try $0.result.requestID == routed.requestID }
        #expect(onReplyPartition.count == 2)
        #expect(onReplyPartition.allSatisfy { $0.partition == 17 })
        // A partition the topic does not have falls back to the station-id key instead of failing.
        let fallback = try #require(try received.first { try $0.result.requestID == outOfRange.requestID })
        #expect(fallback.key == Data("ST-27097-01".utf8))
        #expect(try fallback.result.status == .completed)
    }
}

private func with<T>(_ value: T, _ change: (inout T) -> Void) -> T {
    var copy = value
    change(&copy)
    return copy
}
