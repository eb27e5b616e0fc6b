import DCSKafka
import DCSSchema
import DCSMessages
import DCSTestSupport
import Foundation
import Logging
import Testing

/// `dcs dlq` as an operator runs it, against `dcs broker`.
@Suite("dcs dlq")
struct DeadLetterCommandTests {
    @Test func statsShowReplayOnceAndPurgeWithConfirmation() async throws {
        let broker = try RunningCommand(["broker", "--brokers", "1", "--log-level", "error"])
        let line = try #require(await broker.waitForLine(startingWith: "bootstrap servers: "))
        let servers = String(line.dropFirst("bootstrap servers: ".count))
        defer { broker.send(SIGTERM) }
        var logger = Logger(label: "dcs.test.dlq")
        logger.logLevel = .critical
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(client: KafkaClientConfiguration(bootstrapServers: KafkaClientConfiguration.parseBrokerList(servers))), logger: logger)
        let idNumber = "079195012345"
        let requests = (0..<2).map { index in
            RequestEnvelope(stationID: StationID(rawValue: "ST-27097-01")!, wardCode: WardCode(rawValue: "27097")!,
                            serviceID: ServiceID(rawValue: "utilities.electricity.pay")!, payload: ["customer_code": .string("PE0400123456\(index)"), "id_number": .string(idNumber)])
        }
        try await withServices([producer], logger: logger) {
            for (offset, request) in requests.enumerated() {
                let record = DeadLetterRecord(
                    original: .init(topic: "dcs.requests.utilities", partition: 3, offset: Int64(offset), timestamp: Date(), key: Data("k".utf8), value: try request.encoded(), headers: []),
                    failure: .init(failureClass: .retriesExhausted, reasonCode: "downstream.unavailable", message: "EVN down"),
                    attempts: 12, firstFailureAt: Date(), lastFailureAt: Date(), consumerGroup: "dcs.workers.utilities", workerInstance: "w1",
                    requestID: request.requestID, serviceID: request.serviceID, wardCode: request.wardCode, stationID: request.stationID)
                _ = try await producer.send(KafkaProducerMessage(topic: "dcs.dlq.utilities", partition: 3, key: Data("k".utf8), value: try record.encoded()))
            }
        }
        func dlq(_ arguments: [String]) async throws -> CommandRunner.Output {
            try await CommandRunner.run(["dlq"] + arguments + ["--brokers", servers, "--log-level", "error"])
        }
        let stats = try await dlq(["stats", "--json"])
        #expect(stats.status == 0, "\(stats.stderr)")
        let counts = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        #expect(counts["total"] as? Int == 2)

        let show = try await dlq(["show", "dcs.requests.utilities:3:0"])
        #expect(show.status == 0)
        #expect(show.stdout.contains("downstream.unavailable"))
        #expect(!show.stdout.contains(idNumber), "the ID number is masked")

        let dryRun = try await dlq(["replay", "--class", "retries_exhausted", "--dry-run", "--json"])
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        #expect(try await dlq(["stats", "--json"]).stdout.contains("\"total\" : 2"), "a dry run changes nothing")

        let unconfirmed = try await dlq(["purge", "--category", "utilities"])
        #expect(unconfirmed.status == 2, "purge needs --confirm")
        #expect(try await dlq(["stats", "--json"]).stdout.contains("\"total\" : 2"), "an unconfirmed purge changes nothing")

        let replay = try await dlq(["replay", "--class", "retries_exhausted", "--limit", "1"])
        #expect(replay.status == 0, "\(replay.stderr)")
        let resumed = try await dlq(["replay", "--class", "retries_exhausted"])
        #expect(resumed.status == 0, "an interrupted replay resumes with what is left: \(resumed.stderr)")
        let again = try await dlq(["replay", "--class", "retries_exhausted"])
        #expect(again.status == 2, "a second replay replays nothing")

    }
}
