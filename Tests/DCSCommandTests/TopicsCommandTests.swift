import DCSKafka
import Foundation
import Logging
import Testing

@Suite("dcs topics and dcs broker")
struct TopicsCommandTests {
    @Test func checkAcceptsTheRepositoryCatalogue() async throws {
        let result = try await CommandRunner.run(["topics", "check"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("catalogue OK: 28 topics"))
        #expect(result.stdout.contains("services OK:"))
        for category in ["administrative", "utilities", "health", "banking", "telecom"] {
            #expect(!result.stdout.contains(" 0 \(category)"), "no services listed for \(category)")
        }
    }

    @Test func checkRejectsAMalformedCatalogueWithItsProblems() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dcs-broken-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("schemas"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = CommandRunner.repositoryRoot.appendingPathComponent("topics")
        for schema in try FileManager.default.contentsOfDirectory(atPath: source.appendingPathComponent("schemas").path) {
            try FileManager.default.copyItem(
                at: source.appendingPathComponent("schemas/\(schema)"), to: directory.appendingPathComponent("schemas/\(schema)")
            )
        }
        // The results topic declared twice, and a new topic without a key rule.
        var yaml = try String(contentsOf: source.appendingPathComponent("catalogue.yaml"), encoding: .utf8)
        yaml += """

          - name: dcs.results
            kind: result
            partitions: 24
            replication_factor: 3
            min_insync_replicas: 2
            retention: 7d
            cleanup_policy: delete
            key: {field: station_id, why: duplicate}
            value_schema: result-envelope.schema.json
            description: duplicate
          - name: dcs.audit
            kind: security_events
            partitions: 3
            replication_factor: 3
            min_insync_replicas: 2
            retention: 7d
            cleanup_policy: delete
            value_schema: security-event.schema.json
            description: no key rule
        """
        try yaml.write(to: directory.appendingPathComponent("catalogue.yaml"), atomically: true, encoding: .utf8)
        let result = try await CommandRunner.run(["topics", "check", "--topics-dir", directory.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("catalogue.duplicate_topic"))
        #expect(result.stderr.contains("catalogue.missing_key_rule"))
    }

    @Test func checkNamesAMissingCatalogueDirectory() async throws {
        let result = try await CommandRunner.run(["topics", "check"], environment: ["DCS_TOPICS_DIR": "/nonexistent/topics"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/nonexistent/topics"))
    }

    @Test func applyWithoutAClusterSaysHowToGiveOne() async throws {
        let result = try await CommandRunner.run(["topics", "apply"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("DCS_BROKERS"))
    }

    @Test func applyToAnUnreachableClusterFailsClearlyAndQuickly() async throws {
        let result = try await CommandRunner.run(["topics", "apply", "--timeout", "2"], environment: ["DCS_BROKERS": "127.0.0.1:1"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("kafka.unreachable"))
    }

    @Test func brokerServesTheCatalogueToAnyClientAndStopsOnSigterm() async throws {
        let bootstrapFile = FileManager.default.temporaryDirectory.appendingPathComponent("dcs-bootstrap-\(UUID().uuidString)")
        let broker = try RunningCommand(["broker", "--brokers", "2", "--bootstrap-file", bootstrapFile.path, "--log-level", "error"])
        let line = try #require(await broker.waitForLine(startingWith: "bootstrap servers: "))
        let servers = String(line.dropFirst("bootstrap servers: ".count))
        #expect(try String(contentsOf: bootstrapFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) == servers)

        // Another process (here: our admin client) sees every catalogue topic.
        var logger = Logger(label: "dcs.test.cli")
        logger.logLevel = .critical
        let admin = try KafkaAdminClient(
            configuration: KafkaAdminConfiguration(client: KafkaClientConfiguration(bootstrapServers: KafkaClientConfiguration.parseBrokerList(servers))),
            logger: logger
        )
        let cluster = try await admin.describeCluster()
        #expect(cluster.brokers.count == 2)
        #expect(cluster.topics.count == 28)
        #expect(cluster.topics["dcs.requests.utilities"]?.partitions.count == 12)

        // `topics apply` against it: everything matches (replication capped to the two brokers).
        let apply = try await CommandRunner.run(["topics", "apply", "--cap-replication", "--brokers", servers, "--log-level", "error"])
        #expect(apply.status == 0)
        #expect(apply.stdout.contains("0 created, 28 matched, 0 differ, 0 failed"))

        #expect(await broker.terminate() == 0, "dcs broker stops cleanly on SIGTERM; its last output:\n\(broker.lastLines())")
        #expect(!FileManager.default.fileExists(atPath: bootstrapFile.path), "the bootstrap file is removed on shutdown")
    }
}
