import DCSCatalogue
import DCSKafka
import Logging

/// Creates the catalogue's missing topics on a cluster and verifies the existing ones.
///
/// Existing topics are never altered: a partition count change would move keys to other
/// partitions (breaking per-subject order), so differences are reported for an operator to decide.
public struct TopicApplier: Sendable {
    public let catalogue: TopicCatalogue
    public let admin: KafkaAdminClient
    public let logger: Logger

    public init(catalogue: TopicCatalogue, admin: KafkaAdminClient, logger: Logger) {
        self.catalogue = catalogue
        self.admin = admin
        self.logger = logger
    }

    /// - Parameters:
    ///   - dryRun: report what would be created, create nothing.
    ///   - capReplicationToBrokers: for development clusters with fewer brokers than the
    ///     catalogue's replication factor: expect and create `min(rf, brokers)` replicas.
    public func apply(dryRun: Bool = false, capReplicationToBrokers: Bool = false) async throws(KafkaError) -> TopicApplyReport {
        let cluster = try await admin.describeCluster()
        let brokerCount = cluster.brokers.count
        let cap: Int? = capReplicationToBrokers && catalogue.topics.contains { $0.replicationFactor > brokerCount } ? brokerCount : nil
        func expectedReplication(_ spec: TopicSpec) -> Int { min(spec.replicationFactor, cap ?? Int.max) }
        func expectedMinISR(_ spec: TopicSpec) -> Int { min(spec.minInSyncReplicas, expectedReplication(spec)) }

        let existing = catalogue.topics.filter { cluster.topics[$0.name] != nil }
        var configsVerified = true
        var configs: [String: [String: String]] = [:]
        if !existing.isEmpty {
            do {
                configs = try await admin.describeTopicConfigs(
                    existing.map(\.name), timeout: min(admin.configuration.requestTimeout, .seconds(5))
                )
            } catch where error.code == .unsupported || error.code == .timedOut || error.code == .admin {
                configsVerified = false
                logger.warning("Cluster did not describe topic configs; checking partitions and replication only",
                               metadata: ["kafka.error": "\(error.code)"])
            }
        }

        var entries: [TopicApplyReport.Entry] = []
        var toCreate: [TopicSpec] = []
        for spec in catalogue.topics {
            guard let description = cluster.topics[spec.name] else {
                if dryRun { entries.append(.init(topic: spec.name, outcome: .wouldCreate)) } else { toCreate.append(spec) }
                continue
            }
            var differences: [TopicApplyReport.Difference] = []
            if description.partitions.count != spec.partitions {
                differences.append(.init(setting: "partitions", expected: "\(spec.partitions)", actual: "\(description.partitions.count)"))
            }
            if description.replicationFactor != expectedReplication(spec) {
                differences.append(.init(setting: "replication_factor", expected: "\(expectedReplication(spec))", actual: "\(description.replicationFactor)"))
            }
            if configsVerified, let actual = configs[spec.name] {
                var expected = spec.kafkaConfig
                expected["min.insync.replicas"] = String(expectedMinISR(spec))
                for (key, value) in expected.sorted(by: { $0.key < $1.key }) where actual[key] != value {
                    differences.append(.init(setting: key, expected: value, actual: actual[key] ?? "unset"))
                }
            }
            entries.append(.init(topic: spec.name, outcome: differences.isEmpty ? .matched : .differs(differences)))
        }

        if !toCreate.isEmpty {
            let newTopics = toCreate.map { spec in
                var config = spec.kafkaConfig
                config["min.insync.replicas"] = String(expectedMinISR(spec))
                return KafkaNewTopic(name: spec.name, partitions: spec.partitions, replicationFactor: expectedReplication(spec), config: config)
            }
            let outcomes: [String: KafkaError?]
            do {
                outcomes = try await admin.createTopics(newTopics)
            } catch {
                // The whole request failed (e.g. no controller): every missing topic is reported, none skipped.
                var message = error.message
                if message.contains("controller") {
                    message += " (a cluster without a controller, such as the embedded one, cannot create topics through the protocol: `dcs broker` creates them itself)"
                }
                outcomes = Dictionary(uniqueKeysWithValues: toCreate.map { ($0.name, KafkaError(code: error.code, message: message)) })
            }
            for spec in toCreate {
                switch outcomes[spec.name] {
                case .some(.none):
                    entries.append(.init(topic: spec.name, outcome: .created))
                    logger.info("Topic created", metadata: ["topic": "\(spec.name)"])
                case .some(.some(let error)):
                    entries.append(.init(topic: spec.name, outcome: .failed(code: error.code.rawValue, message: error.message)))
                case .none:
                    entries.append(.init(topic: spec.name, outcome: .failed(code: KafkaError.Code.admin.rawValue, message: "no result for this topic")))
                }
            }
        }
        let order = Dictionary(uniqueKeysWithValues: catalogue.topics.enumerated().map { ($1.name, $0) })
        entries.sort { order[$0.topic, default: 0] < order[$1.topic, default: 0] }
        return TopicApplyReport(entries: entries, configsVerified: configsVerified, replicationCappedTo: cap)
    }
}
