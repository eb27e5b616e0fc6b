import DCSKafka
import DCSMessages
import DCSSchema
@testable import DCSStation
import DCSTestSupport
import Foundation
import Testing

@Suite("Station outbox", .serialized)
struct StationOutboxTests {
    @Test func anOfflineStationSendsEverythingOnceInOrderWhenTheClusterIsBack() async throws {
        let fixture = try StationFixture(brokers: 1)
        let responder = try fixture.responder()
        let station = try fixture.station(fixture.configuration())
        try await withServices([responder, station], logger: fixture.logger) {
            try await withDeadline(.seconds(90), "offline station answered") {
                #expect(await station.waitUntilReady())
                try fixture.cluster.setBrokerDown(1)
                var ids: [UUID] = []
                for index in 0..<6 {
                    // One subject: one request partition, so the order is observable at the responder.
                    ids.append(try await station.submit(serviceID: "utilities.electricity.pay", payload: ["customer_code": "PE0400000042", "n": .integer(Int64(index))]))
                }
                // The outage itself is the scenario: two seconds with the only broker down.
                try await Task.sleep(for: .seconds(2))
                #expect(responder.seen.isEmpty)
                #expect(try station.store.waitingCount() == ids.count)
                try fixture.cluster.setBrokerUp(1)
                var results: [ResultEnvelope] = []
                for id in ids { results.append(try await station.result(for: id)) }
                #expect(results.map(\.requestID) == ids)
                let seenIDs = responder.seen.map(\.request.requestID)
                #expect(seenIDs == ids, "each request once, in submission order")
                #expect(try station.store.waitingCount() == 0)
                #expect(try station.store.resultCount() == ids.count)
            }
        }
    }

    /// A new kiosk switched on while the cluster is away: it cannot learn where its reply partition
    /// ends, so it keeps its requests and keeps asking; once the cluster is back it sends them.
    @Test func aFreshStationStartedOfflineSendsOnceTheClusterIsBack() async throws {
        let fixture = try StationFixture(brokers: 1)
        let responder = try fixture.responder()
        let station = try fixture.station(fixture.configuration())
        try await withServices([responder], logger: fixture.logger) {
            try await withDeadline(.seconds(90), "fresh offline station answered") {
                try fixture.cluster.setBrokerDown(1)
                try await withServices([station], logger: fixture.logger) {
                    let ids = [
                        try await station.submit(serviceID: "utilities.electricity.pay", payload: ["customer_code": "PE0400000043", "n": 0]),
                        try await station.submit(serviceID: "utilities.electricity.pay", payload: ["customer_code": "PE0400000043", "n": 1]),
                    ]
                    // The outage itself is the scenario.
                    try await Task.sleep(for: .seconds(2))
                    #expect(responder.seen.isEmpty)
                    #expect(try station.store.waitingCount() == 2)
                    #expect(try station.store.replyPosition(topic: station.configuration.resultsTopic, partition: Int32(station.replyPartition)) == nil)
                    try fixture.cluster.setBrokerUp(1)
                    #expect(await station.waitUntilReady())
                    for id in ids { #expect(try await station.result(for: id).requestID == id) }
                    #expect(responder.seen.map(\.request.requestID) == ids, "each request once, in submission order")
                }
            }
        }
    }

    @Test func aRestartedStationLosesNothingAndDoublesNothing() async throws {
        let fixture = try StationFixture()
        let group = "test-responder-\(UUID().uuidString.prefix(8))"
        let responder = try fixture.responder(group: group)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dcs-station-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = fixture.configuration(outbox: .file(directory.appendingPathComponent("outbox.sqlite").path))

        // First run: one request answered.
        let first = try fixture.station(configuration)
        let answered = try await withServices([responder, first], logger: fixture.logger) {
            try await withDeadline(.seconds(60), "first run") {
                let id = try await first.submit(serviceID: "utilities.water.lookup", payload: ["customer_number": "12345678"])
                _ = try await first.result(for: id)
                return id
            }
        }
        // Requests written while the client is not running (a kiosk that crashed before sending).
        let offline = try fixture.station(configuration)
        let pending = [
            try await offline.submit(serviceID: "utilities.water.pay", payload: ["customer_number": "12345678"]),
            try await offline.submit(serviceID: "health.telemedicine.status", payload: ["booking_code": "TM79012-251015-0003"]),
        ]
        let before = try offline.store.entries()
        #expect(before.count == 3)

        // Second run on the same file; the responder resumes its group where it stopped.
        let responder2 = try fixture.responder(group: group)
        let restarted = try fixture.station(configuration)
        try await withServices([responder2, restarted], logger: fixture.logger) {
            try await withDeadline(.seconds(60), "second run") {
                for id in pending {
                    let result = try await restarted.result(for: id)
                    #expect(result.requestID == id)
                }
                // The first answer is still there, from the store.
                #expect(try await restarted.result(for: answered, timeout: .milliseconds(1)).requestID == answered)
            }
        }
        let after = try restarted.store.entries()
        #expect(after.map(\.requestID) == before.map(\.requestID), "no request re-created under a new id")
        #expect(after.map(\.value) == before.map(\.value))
        #expect(after.allSatisfy { $0.sentAt != nil })
        #expect(after.map(\.attempts) == [1, 1, 1], "the answered request was not sent again")
        #expect(responder.seen.map(\.request.requestID) == [answered])
        // Two topics: the responder's order across them is not defined, the count and the ids are.
        #expect(responder2.seen.count == pending.count)
        #expect(Set(responder2.seen.map(\.request.requestID)) == Set(pending), "only what was waiting is sent after the restart")
        #expect(try restarted.store.resultCount() == 3)
    }

    @Test func aResendAfterAnAmbiguousFailureReusesTheSameBytes() async throws {
        let fixture = try StationFixture()
        let responder = try fixture.responder()
        let station = try fixture.station(fixture.configuration())
        try await withServices([responder, station], logger: fixture.logger) {
            try await withDeadline(.seconds(60), "resend") {
                let id = try await station.submit(serviceID: "banking.vietqr.generate", payload: ["account_number": "0123456789"])
                let firstAnswer = try await station.result(for: id)
                // As if the process died between the broker's acknowledgement and marking the row sent.
                try await station.store.markWaiting(id)
                station.signal.notify()
                await responder.waitUntilSeen(2)
                let seen = responder.seen
                #expect(seen.count == 2)
                #expect(seen.allSatisfy { $0.request.requestID == id })
                #expect(seen[0].value == seen[1].value, "the resend is byte for byte the first send")
                #expect(seen[0].key == seen[1].key)
                // The repeated answer does not replace the first one.
                let secondSeen = try await self.eventually { try station.store.entry(for: id)?.sentAt != nil }
                #expect(secondSeen)
                #expect(try await station.result(for: id) == firstAnswer)
                #expect(try station.store.resultCount() == 1)
                #expect(try station.store.entry(for: id)?.attempts == 2)
            }
        }
    }

    /// Polls a condition of the store that has no event of its own (bounded by the caller's deadline).
    private func eventually(_ condition: @Sendable () throws -> Bool) async throws -> Bool {
        while try !condition() { try await Task.sleep(for: .milliseconds(20)) }
        return true
    }
}
