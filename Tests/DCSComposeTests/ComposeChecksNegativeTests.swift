import DCSCatalogue
import Foundation
import Testing

/// The checkers must fail: a deliberately broken deployment fed to the same functions as the real one.
@Suite("compose checks catch a broken deployment")
struct ComposeChecksNegativeTests {
    static let brokenCompose = """
    services:
      kafka-1:
        image: apache/kafka:latest
        environment:
          CLUSTER_ID: "abc"
          KAFKA_NODE_ID: 1
          KAFKA_PROCESS_ROLES: broker,controller
          KAFKA_CONTROLLER_QUORUM_VOTERS: "1@kafka-1:9093,2@kafka-2:9093"
          KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://kafka-1:9092
          KAFKA_AUTO_CREATE_TOPICS_ENABLE: true
          KAFKA_DEFAULT_REPLICATION_FACTOR: 2
          KAFKA_MIN_INSYNC_REPLICAS: 1
          KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: 1
          KAFKA_LOG_DIRS: /tmp/kraft-combined-logs
      kafka-2:
        image: apache/kafka:latest
        environment:
          CLUSTER_ID: "abc"
          KAFKA_NODE_ID: 2
          KAFKA_PROCESS_ROLES: broker,controller
          KAFKA_CONTROLLER_QUORUM_VOTERS: "1@kafka-1:9093,2@kafka-2:9093"
          KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://kafka-2:9092
          KAFKA_AUTO_CREATE_TOPICS_ENABLE: true
          KAFKA_DEFAULT_REPLICATION_FACTOR: 2
          KAFKA_MIN_INSYNC_REPLICAS: 1
          KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: 1
          KAFKA_LOG_DIRS: /tmp/kraft-combined-logs
      topics:
        image: dcs:latest
        command: dcs topics apply --brokers kafka-1:9092,kafka-9:9092
        depends_on: [kafka-1]
      worker-utilities:
        image: dcs:latest
        command: ["worker", "utilities", "--brokers", "kafka-1:9092,kafka-2:9092", "--state-dir", "/var/lib/dcs", "--metrics-port", "9464", "--threads", "4"]
        environment:
          DCS_WORKER_THREADS: "4"
        healthcheck:
          test: ["CMD", "curl", "-f", "http://localhost:8080/health"]
        deploy:
          replicas: 1
      worker-payments:
        image: dcs:latest
        command: ["worker", "payments", "--brokers", "kafka-1:9092,kafka-2:9092", "--state-dir", "/state", "--metrics-port", "9464"]
        volumes:
          - ./state:/state
        depends_on:
          topics:
            condition: service_completed_successfully
        stop_grace_period: 5s
    """

    static let brokenPrometheus = """
    scrape_configs:
      - job_name: workers
        dns_sd_configs:
          - names: [worker-payments]
            type: SRV
            port: 9100
    """

    static let brokenDockerfile = """
    FROM swift:6.3-bookworm AS build
    RUN swift build -c release --product DCSWorker
    FROM ubuntu:24.04
    RUN apt-get install -y librdkafka1 libsqlite3-0
    COPY --from=build /build/.build/release/dcs /usr/bin/dcs
    COPY topics/ /opt/topics/
    ENV DCS_TOPICS_DIR=/etc/dcs/topics DCS_THREADS=4
    ENTRYPOINT ["/bin/sh"]
    """

    let compose: ComposeFile
    let catalogue: TopicCatalogue

    init() throws {
        compose = try ComposeFile(yaml: Self.brokenCompose)
        catalogue = try TopicCatalogue.load(directory: Repository.topicsDirectory)
    }

    /// Each expected fragment must appear in some problem; the problems are shown when one does not.
    func expectProblems(_ problems: [String], contain fragments: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for fragment in fragments {
            #expect(problems.contains { $0.contains(fragment) }, "no problem mentions '\(fragment)'; got:\n\(problems.joined(separator: "\n"))", sourceLocation: sourceLocation)
        }
    }

    @Test func kafkaClusterProblems() {
        let problems = ComposeChecks.checkKafkaCluster(compose, topics: catalogue.topics)
        expectProblems(problems, contain: [
            "expected 3 Apache Kafka brokers",
            "pin an exact apache/kafka",
            "KAFKA_AUTO_CREATE_TOPICS_ENABLE is 'true'",
            "have replication_factor 3 but KAFKA_DEFAULT_REPLICATION_FACTOR is 2",
            "have min_insync_replicas 2 but KAFKA_MIN_INSYNC_REPLICAS is 1",
            "need replication factor 3 but the deployment has 2 broker(s)",
            "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR is 1",
            "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR is not set",
            "use an odd number, at least 3",
            "is not on a named volume",
            "kafka-1: no healthcheck",
        ])
    }

    @Test func topicsJobProblems() {
        expectProblems(ComposeChecks.checkTopicsJob(compose), contain: [
            "'kafka-9:9092' is not the advertised address",
            "leaves out broker(s) [\"kafka-2\"]",
            "must depend on kafka-1 with condition service_healthy (has service_started)",
            "restart must be on-failure",
        ])
    }

    @Test func workerProblems() throws {
        let prometheus = try PrometheusConfig(yaml: Self.brokenPrometheus)
        let categories = catalogue.topics.filter { $0.kind == .request }.compactMap { $0.category?.rawValue }
        expectProblems(ComposeChecks.checkWorkers(compose, categories: categories, prometheus: prometheus), contain: [
            "exactly one service running `worker administrative`, found 0",
            "worker-payments: runs `worker payments`, which is not a category",
            "worker-utilities: --state-dir /var/lib/dcs is not on a named volume",
            "worker-payments: --state-dir /state is not on a named volume",
            "worker-utilities: the healthcheck must GET http://localhost:9464/health",
            "worker-utilities: prometheus.yml has no dns_sd_configs entry naming worker-utilities",
            "worker-payments: prometheus job workers scrapes port 9100",
            "resolves it with type SRV",
            "worker-utilities: deploy.replicas is 1",
            "worker-utilities: must depend on topics with condition service_completed_successfully",
            "worker-payments: stop_grace_period is 5s",
        ])
    }

    @Test func commandContractProblems() {
        expectProblems(ComposeChecks.checkCommandContract(compose), contain: [
            "worker-utilities: --threads is not in the dcs contract",
            "worker-utilities: environment variable DCS_WORKER_THREADS is not one dcs reads",
        ])
        // `dcs` in front of a command is the entrypoint's name, not an argument.
        #expect(ComposeChecks.flagsUsed(compose)["topics"] == ["brokers"])
    }

    @Test func undeclaredFlagProblems() {
        let sources = """
        struct WorkerCommand: AsyncParsableCommand {
            @OptionGroup var kafka: KafkaOptions
            @Option var stateDir: String
            @Option(name: .customLong("instance-id")) var instance: String?
        }
        """
        let problems = ComposeChecks.checkFlagsDeclared(["state-dir", "instance-id", "metrics-port"], inSources: sources)
        #expect(problems.count == 1, "\(problems)")
        expectProblems(problems, contain: ["--metrics-port is used by compose/ but Sources/dcs declares no option 'metrics-port' (nor a property 'metricsPort')"])
    }

    @Test func dockerfileProblems() {
        expectProblems(ComposeChecks.checkDockerfile(Dockerfile(text: Self.brokenDockerfile)), contain: [
            "the runtime stage must be debian:bookworm-slim",
            "no `swift build -c release --product dcs` step",
            "--static-swift-stdlib",
            "copied to /usr/local/bin/dcs",
            "DCS_TOPICS_DIR is /etc/dcs/topics but topics/ is copied to [\"/opt/topics/\"]",
            "ENV DCS_THREADS is not a variable dcs reads",
            "no USER",
            "STOPSIGNAL SIGTERM",
            "ENTRYPOINT must be [\"dcs\"]",
            "the runtime stage must install libjemalloc2 (the binary links libjemalloc.so.2)",
        ])
    }

    @Test func composeDurations() {
        #expect(composeDurationSeconds("30s") == 30)
        #expect(composeDurationSeconds("1m30s") == 90)
        #expect(composeDurationSeconds("1500ms") == 1.5)
        #expect(composeDurationSeconds("thirty") == nil)
    }
}
