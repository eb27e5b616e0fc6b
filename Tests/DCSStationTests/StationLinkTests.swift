import DCSKafka
import DCSMessages
import DCSSchema
@testable import DCSStation
import DCSTestSupport
import Foundation
import ServiceLifecycle
import Testing

/// Many stations of one process on one shared link (one producer, one group-less reader).
@Suite("Shared station link", .serialized)
struct StationLinkTests {
    private func link(_ fixture: StationFixture) throws -> StationLink {
        var configuration = StationLinkConfiguration(kafka: fixture.kafka, clientID: "dcs-test-gateway", topics: RepoTopics.topics)
        configuration.positionSaveInterval = .milliseconds(100)
        return try StationLink(configuration: configuration, logger: fixture.logger)
    }

    private func station(_ fixture: StationFixture, _ configuration: StationConfiguration, link: StationLink, store: StationStore? = nil) throws -> StationClient {
        try StationClient(configuration: configuration, services: RepoTopics.services, link: link, store: store, logger: fixture.logger)
    }

    @Test func twoHundredStationsOnOneLinkEachGetExactlyTheirOwnResults() async throws {
        let fixture = try StationFixture()
        let responder = try fixture.responder()
        let link = try link(fixture)
        // Fixed ids (each fixture has its own cluster): 200 random ones missed one of the 24 reply
        // partitions about once in 170 runs, and this test is about every partition being shared.
        let stations = try (0..<200).map { index in
            try station(fixture, fixture.configuration(station: try StationID("ST-\(26000 + index)-01")), link: link)
        }
        #expect(Set(stations.map(\.replyPartition)).count == RepoTopics.topics.resultsTopic.partitions)
        try await withServices([responder, link] + stations, logger: fixture.logger) {
            try await withDeadline(.seconds(120), "200 stations answered") {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for (index, station) in stations.enumerated() {
                        group.addTask {
                            let id = try await station.submit(serviceID: "utilities.electricity.lookup", payload: electricity("PE04000" + String(format: "%05d", index)))
                            let result = try await station.result(for: id)
                            #expect(result.requestID == id)
                            #expect(result.stationID == station.configuration.stationID)
                        }
                    }
                    try await group.waitForAll()
                }
            }
            #expect(link.attachedCount == 200)
        }
        for station in stations {
            #expect(try station.store.resultCount() == 1)
            #expect(try station.store.waitingCount() == 0)
        }
        #expect(Set(responder.seen.map(\.request.requestID)).count == 200)
    }

    /// A station restarted in a process whose link read on past a result meant for it: the
    /// partition is read again from the station's saved position, and its neighbour notices nothing.
    @Test func aStationReattachedBehindTheLinkStillGetsWhatArrivedMeanwhile() async throws {
        let fixture = try StationFixture()
        // The request the workers answer late, after its station stopped.
        let responder = try fixture.responder(ignoring: ["banking.vietqr.parse"])
        let link = try link(fixture)
        let partitions = RepoTopics.topics.resultsTopic.partitions
        let first = fixture.configuration()
        // A neighbour on the same reply partition.
        let neighbourID = try (0..<10_000).lazy.map { try StationID("ST-27097-\(String(format: "%04d", $0))") }
            .first { ReplyPartition.of($0, partitions: partitions) == first.replyPartition && $0 != first.stationID }!
        let neighbour = try station(fixture, fixture.configuration(station: neighbourID), link: link)
        let store = try StationStore.inMemory()
        let firstRun = try station(fixture, first, link: link, store: store)

        let results = KafkaTopicPartition(topic: RepoTopics.topics.resultsTopic.name, partition: Int32(first.replyPartition))
        try await withServices([responder, link, neighbour], logger: fixture.logger) {
            try await withDeadline(.seconds(90), "the late result") {
                // First run: one answered request, then the client stops; the link goes on.
                let late = try await withServices([firstRun], logger: fixture.logger) {
                    let id = try await firstRun.submit(serviceID: "utilities.electricity.lookup", payload: electricity("PE0400000001"))
                    let late = try await firstRun.submit(serviceID: "banking.vietqr.parse", payload: ["qr_payload": "0002010102"])
                    #expect((late.timeOrderedMilliseconds ?? 0) >= (id.timeOrderedMilliseconds ?? .max),
                            "a station's request ids are time-ordered (version 7)")
                    _ = try await firstRun.result(for: id)
                    await responder.waitUntilSeen(2)
                    return late
                }
                let saved = try #require(try store.replyPosition(topic: results.topic, partition: results.partition))

                // While it is away, a late answer for it and more traffic of its neighbour.
                let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(client: fixture.kafka), logger: fixture.logger)
                try await withServices([producer], logger: fixture.logger) {
                    let request = try #require(responder.seen.first { $0.request.requestID == late }?.request)
                    let report = try await producer.send(KafkaProducerMessage(
                        topic: results.topic, partition: results.partition, key: first.stationID.rawValue,
                        value: try ResultEnvelope.completed(request, data: [:]).encoded(),
                        headers: [KafkaHeader(key: MessageHeaderName.stationID, string: first.stationID.rawValue)]))
                    #expect(report.offset >= saved)
                }
                for index in 0..<3 {
                    let id = try await neighbour.submit(serviceID: "utilities.electricity.lookup", payload: electricity("PE040000010\(index)"))
                    _ = try await neighbour.result(for: id)
                }

                // Second run, same outbox: attaches behind the link's position and gets the late answer.
                let secondRun = try station(fixture, first, link: link, store: store)
                try await withServices([secondRun], logger: fixture.logger) {
                    #expect(await secondRun.waitUntilReady())
                    let answer = try await secondRun.result(for: late, timeout: .seconds(30))
                    #expect(answer.requestID == late)
                    let id = try await secondRun.submit(serviceID: "utilities.electricity.lookup", payload: electricity("PE0400000003"))
                    #expect(try await secondRun.result(for: id).requestID == id)
                }
                // The neighbour's results were read twice by the link, stored once.
                #expect(try neighbour.store.resultCount() == 3)
            }
        }
        #expect(try store.resultCount() == 3)
    }

    @Test func aSecondClientOfTheSameStationIsRefused() async throws {
        let fixture = try StationFixture()
        let link = try link(fixture)
        let configuration = fixture.configuration()
        let one = try station(fixture, configuration, link: link)
        let two = try station(fixture, configuration, link: link)
        try await withServices([link, one], logger: fixture.logger) {
            try await withDeadline(.seconds(60), "ready") {
                #expect(await one.waitUntilReady())
                // The twin never becomes ready, so it never sends, and its run says why.
                let refusal = await #expect(throws: StationError.self) { try await two.run() }
                #expect(refusal?.code == .alreadyRunning)
                #expect(await two.waitUntilReady() == false)
            }
            #expect(link.attachedCount == 1)
        }
    }

    @Test func aLinkForAnotherResultsTopicIsAConfigurationError() throws {
        let fixture = try StationFixture()
        let link = try link(fixture)
        var configuration = fixture.configuration()
        configuration.resultsTopic = "dcs.results.elsewhere"
        let error = #expect(throws: StationError.self) { try station(fixture, configuration, link: link) }
        #expect(error?.code == .invalidConfiguration)
    }
}
