import DCSKafka
import DCSMessages
import DCSSchema
@testable import DCSStation
import DCSTestSupport
import Foundation
import Testing

@Suite("Station round trips", .serialized)
struct StationRoundTripTests {
    @Test func requestsGoOutKeyedAndResultsComeBackOnTheReplyPartition() async throws {
        let fixture = try StationFixture()
        let responder = try fixture.responder(ignoring: ["banking.vietqr.parse"])
        let configuration = fixture.configuration()
        let station = try fixture.station(configuration)
        try await withServices([responder, station], logger: fixture.logger) {
            try await withDeadline(.seconds(60), "round trip") {
                let first = try await station.submit(serviceID: "utilities.electricity.lookup", payload: electricity(" pe0400123456"))
                let second = try await station.submit(serviceID: "administrative.dossier.status", payload: ["dossier_code": "000.00.10.H29-250601-0001"])
                let ignored = try await station.submit(serviceID: "banking.vietqr.parse", payload: ["qr_payload": "0002010102"])
                let answer = try await station.result(for: second)
                #expect(answer.requestID == second)
                #expect(answer.stationID == configuration.stationID)
                #expect(answer.status == .completed)
                let other = try await station.result(for: first)
                #expect(other.requestID == first)
                #expect(other.data?["echo"]?["customer_code"] == " pe0400123456")
                // Asked again: answered from the store.
                #expect(try await station.result(for: first, timeout: .milliseconds(1)) == other)
                let late = await #expect(throws: StationError.self) { try await station.result(for: ignored, timeout: .milliseconds(300)) }
                #expect(late?.code == .resultTimeout)

                let seen = responder.seen
                #expect(seen.count == 3)
                let secret = configuration.subjectKeySecret
                let byID = Dictionary(uniqueKeysWithValues: seen.map { ($0.request.requestID, $0) })
                #expect(byID[first]?.key == SubjectKey(subject: "PE0400123456", secret: secret).rawValue)
                #expect(byID[first]?.topic == "dcs.requests.utilities")
                #expect(byID[second]?.key == SubjectKey(subject: "000.00.10.H29", secret: secret).rawValue)
                #expect(byID[second]?.topic == "dcs.requests.administrative")
                #expect(seen.allSatisfy { $0.request.replyPartition == station.replyPartition })
                #expect(seen.allSatisfy { $0.request.stationID == configuration.stationID })
                #expect(try station.store.waitingCount() == 0)
                #expect(try station.store.resultCount() == 2)
            }
        }
    }

    @Test func aHundredStationsEachGetExactlyTheirOwnResults() async throws {
        let fixture = try StationFixture()
        let responder = try fixture.responder()
        let stations = try (0..<100).map { index in
            try fixture.station(fixture.configuration(station: try StationID("ST-\(27000 + index)-\(UUID().uuidString.prefix(4).uppercased())")))
        }
        // Several stations share each reply partition, so the filtering by station id is exercised.
        #expect(Set(stations.map(\.replyPartition)).count < stations.count)
        try await withServices([responder] + stations, logger: fixture.logger) {
            try await withDeadline(.seconds(120), "100 stations answered") {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for (index, station) in stations.enumerated() {
                        group.addTask {
                            let ids = [
                                try await station.submit(serviceID: "utilities.electricity.lookup", payload: electricity("PE04000" + String(format: "%05d", index))),
                                try await station.submit(serviceID: "telecom.sim.list", payload: ["id_number": .string("0792030\(String(format: "%05d", index))")]),
                            ]
                            for id in ids {
                                let result = try await station.result(for: id)
                                #expect(result.requestID == id)
                                #expect(result.stationID == station.configuration.stationID)
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }
        }
        for station in stations {
            // Only its own two results were kept, though its partition carried its neighbours' too.
            #expect(try station.store.resultCount() == 2)
            #expect(try station.store.waitingCount() == 0)
        }
        #expect(responder.seen.count == 200)
        #expect(Set(responder.seen.map(\.request.requestID)).count == 200)
    }
}
