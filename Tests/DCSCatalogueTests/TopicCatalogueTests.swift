import DCSCatalogue
import DCSMessages
import DCSSchema
import Foundation
import Testing

@Suite("Real topic catalogue")
struct TopicCatalogueTests {
    let catalogue: TopicCatalogue

    init() throws {
        do {
            catalogue = try TopicCatalogue.load(directory: RepoTopics.directory)
        } catch {
            Issue.record("the repository catalogue does not load: \(error)")
            throw error
        }
    }

    @Test func hasEveryExpectedTopic() {
        let names = Set(catalogue.topics.map(\.name))
        var expected: Set<String> = ["dcs.results", "dcs.security-events", "dcs.dlq.replay-log"]
        for c in ServiceCategory.allCases {
            expected.insert("dcs.requests.\(c)")
            expected.insert("dcs.dlq.\(c)")
            for tier in ["10s", "1m", "10m"] { expected.insert("dcs.retry.\(c).\(tier)") }
        }
        #expect(names == expected)
        #expect(catalogue.topics.count == expected.count)
    }

    @Test func requestTopicsAreKeyedBySubjectAndSized() {
        for c in ServiceCategory.allCases {
            let t = catalogue.requestTopic(for: c)
            #expect(t.name == "dcs.requests.\(c)")
            #expect(t.kind == .request && t.category == c)
            #expect(t.partitions == 12)
            #expect(t.retentionMs == 7 * 86_400_000)
            #expect(t.key.field == "subject_key")
            #expect(t.valueSchema == "request-envelope.schema.json")
            // The DLQ mirrors the source partitioning so that one partition maps to one.
            #expect(catalogue.deadLetterTopic(for: c).partitions == t.partitions)
            #expect(catalogue.deadLetterTopic(for: c).retentionMs == 30 * 86_400_000)
        }
    }

    @Test func productionDurability() {
        for t in catalogue.topics {
            #expect(t.replicationFactor == 3, "\(t.name)")
            #expect(t.minInSyncReplicas == 2, "\(t.name)")
            #expect(!t.key.why.isEmpty && !t.description.isEmpty, "\(t.name)")
            #expect(!t.description.contains("{"), "unexpanded placeholder in \(t.name)")
        }
    }

    @Test func retryLadderIsOrderedByDelay() {
        for c in ServiceCategory.allCases {
            let ladder = catalogue.retryTopics(for: c)
            #expect(ladder.map(\.name) == ["dcs.retry.\(c).10s", "dcs.retry.\(c).1m", "dcs.retry.\(c).10m"])
            #expect(ladder.map(\.retryDelaySeconds) == [10, 60, 600])
        }
    }

    @Test func singletonTopics() {
        #expect(catalogue.resultsTopic.name == "dcs.results")
        #expect(catalogue.resultsTopic.partitions == 24)
        #expect(catalogue.resultsTopic.key.field == "station_id")
        #expect(catalogue.securityEventsTopic.name == "dcs.security-events")
        #expect(catalogue.securityEventsTopic.retentionMs == 90 * 86_400_000)
        let replay = catalogue.replayLogTopic
        #expect(replay.name == "dcs.dlq.replay-log")
        #expect(replay.cleanupPolicy == "compact")
        #expect(replay.retentionMs == -1)
        #expect(replay.key.field == "dead_letter_id")
    }

    @Test func kafkaConfigHasManagedKeysAndExtras() throws {
        let config = catalogue.requestTopic(for: .utilities).kafkaConfig
        #expect(config["cleanup.policy"] == "delete")
        #expect(config["retention.ms"] == "604800000")
        #expect(config["min.insync.replicas"] == "2")
        #expect(config["max.message.bytes"] == "1048576")
        #expect(catalogue.replayLogTopic.kafkaConfig["retention.ms"] == "-1")
        let retry = try #require(catalogue.topic(named: "dcs.retry.health.1m"))
        #expect(retry.kafkaConfig["message.timestamp.type"] == "LogAppendTime")
    }

    @Test func schemasAreCompiledAndLookedUpByTopic() {
        for t in catalogue.topics {
            #expect(catalogue.schema(forTopic: t.name) != nil, "\(t.name)")
        }
        #expect(catalogue.schema(forTopic: "dcs.nope") == nil)
        #expect(catalogue.topic(named: "dcs.nope") == nil)
    }

    @Test func validateValueOnTopic() {
        let ok = Data(#"{"event_id":"9d8c7b6a-5f4e-4d3c-8b2a-190817161514","occurred_at":"2025-10-10T01:31:00Z","station_id":"ST-27097-01","kind":"tamper_alarm","severity":"critical","source":"station-agent","schema_version":1}"#.utf8)
        #expect(catalogue.validate(value: ok, onTopic: "dcs.security-events") == [])
        #expect(catalogue.validate(value: ok, onTopic: "dcs.results").contains { $0.keyword == "required" })
        #expect(catalogue.validate(value: Data("{".utf8), onTopic: "dcs.results").map(\.keyword) == ["json"])
        #expect(catalogue.validate(value: ok, onTopic: "dcs.unknown").map(\.keyword) == ["topic"])
    }

    @Test func locateDirectory() throws {
        let env = try #require(TopicCatalogue.locateDirectory(environment: ["DCS_TOPICS_DIR": "/some/where"], currentDirectory: URL(fileURLWithPath: "/")))
        #expect(env.path == "/some/where")
        let nested = RepoTopics.directory.appendingPathComponent("samples/request-envelope/valid")
        let found = try #require(TopicCatalogue.locateDirectory(environment: [:], currentDirectory: nested))
        #expect(found.standardizedFileURL.path == RepoTopics.directory.standardizedFileURL.path)
        #expect(TopicCatalogue.locateDirectory(environment: [:], currentDirectory: URL(fileURLWithPath: "/proc/self")) == nil)
    }
}
