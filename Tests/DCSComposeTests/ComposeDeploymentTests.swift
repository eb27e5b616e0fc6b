import DCSCatalogue
import Foundation
import Testing

/// Checks compose/ — the production deployment on Apache Kafka — against the topic catalogue, the
/// `dcs` command line and itself. No Docker engine runs on the development machines or CI, so this
/// parse is what stands between a typo and a broken rollout.
@Suite("compose/ deployment")
struct ComposeDeploymentTests {
    let compose: ComposeFile
    let prometheus: PrometheusConfig
    let catalogue: TopicCatalogue

    init() throws {
        compose = try ComposeFile(yaml: Repository.text("compose/docker-compose.yml"))
        prometheus = try PrometheusConfig(yaml: Repository.text("compose/prometheus.yml"))
        catalogue = try TopicCatalogue.load(directory: Repository.topicsDirectory)
    }

    /// The worker categories, from the catalogue's request topics (`dcs.requests.<category>`).
    var categories: [String] {
        catalogue.topics.filter { $0.kind == .request }.compactMap { $0.category?.rawValue }
    }

    @Test("three KRaft brokers whose replication matches every catalogue topic, no auto-created topics")
    func kafkaCluster() {
        #expect(ComposeChecks.brokers(compose).map(\.name) == ["kafka-1", "kafka-2", "kafka-3"])
        let problems = ComposeChecks.checkKafkaCluster(compose, topics: catalogue.topics)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("the topics job applies the catalogue to exactly the compose brokers once they are healthy")
    func topicsJob() {
        let problems = ComposeChecks.checkTopicsJob(compose)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("one worker service per catalogue category, with state volume, health, metrics and replicas")
    func workers() {
        #expect(categories.count == 5, "the catalogue should define 5 request topics, found \(categories)")
        let problems = ComposeChecks.checkWorkers(compose, categories: categories, prometheus: prometheus)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        #expect(Set(ComposeChecks.workerServices(compose).map(\.name)) == Set(categories.map { "worker-\($0)" }))
    }

    @Test("every dcs flag and DCS_ variable is in the CLI contract")
    func commandContract() {
        let problems = ComposeChecks.checkCommandContract(compose)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        #expect(!ComposeChecks.flagsUsed(compose).isEmpty, "no dcs command line found in compose/")
    }

    @Test("every dcs flag used is declared by Sources/dcs (worker flags once WorkerCommand.swift exists)")
    func flagsDeclaredBySources() throws {
        let fm = FileManager.default
        var sources = ""
        for file in try fm.contentsOfDirectory(atPath: Repository.dcsSourcesDirectory.path).sorted() where file.hasSuffix(".swift") {
            sources += try String(contentsOf: Repository.dcsSourcesDirectory.appendingPathComponent(file), encoding: .utf8) + "\n"
        }
        // `topics apply` exists today; the worker command is being written, and until its file lands
        // the contract allow-list stands alone for the worker flags.
        let workerCommandExists = fm.fileExists(atPath: Repository.dcsSourcesDirectory.appendingPathComponent("WorkerCommand.swift").path)
        var flags: Set<String> = []
        for (service, used) in ComposeChecks.flagsUsed(compose) {
            let isWorker = compose.services[service]?.dcsArguments?.first == "worker"
            if !isWorker || workerCommandExists { flags.formUnion(used) }
        }
        #expect(!flags.isEmpty)
        let problems = ComposeChecks.checkFlagsDeclared(flags, inSources: sources)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("the Dockerfile builds the dcs product and points DCS_TOPICS_DIR at the copied catalogue")
    func dockerfile() throws {
        let problems = ComposeChecks.checkDockerfile(Dockerfile(text: try Repository.text("compose/Dockerfile")))
            + ComposeChecks.checkBuilds(compose, composeDirectory: Repository.composeDirectory, repositoryRoot: Repository.root)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("YAML anchors and merge keys resolve as Compose resolves them")
    func mergeKeys() throws {
        // The brokers and workers share settings through `<<:`; a local key must win over the merged one.
        let kafka2 = try #require(compose.services["kafka-2"])
        #expect(kafka2.environment["KAFKA_NODE_ID"] == "2")
        #expect(kafka2.environment["KAFKA_ADVERTISED_LISTENERS"] == "PLAINTEXT://kafka-2:9092")
        let utilities = try #require(compose.services["worker-utilities"])
        #expect(utilities.replicas == 3)
        #expect(utilities.dcsArguments?.prefix(2) == ["worker", "utilities"])
    }
}
