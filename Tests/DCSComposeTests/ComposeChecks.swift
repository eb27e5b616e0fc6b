import DCSCatalogue
import Foundation

/// The deployment checks. Each returns every problem found (empty = fine), phrased so that a
/// failing test says what to fix, and each takes parsed inputs so that the negative tests can feed
/// them a broken deployment.
enum ComposeChecks {
    static let brokerCount = 3

    // MARK: Kafka

    /// Services running the official Apache Kafka image.
    static func kafkaNodes(_ compose: ComposeFile) -> [ComposeService] {
        compose.sortedServices.filter { imageRepository($0.image) == "apache/kafka" }
    }

    /// Kafka nodes with the broker role.
    static func brokers(_ compose: ComposeFile) -> [ComposeService] {
        kafkaNodes(compose).filter { roles($0).contains("broker") }
    }

    static func checkKafkaCluster(_ compose: ComposeFile, topics: [TopicSpec]) -> [String] {
        var problems: [String] = []
        let nodes = kafkaNodes(compose)
        let brokers = brokers(compose)
        if brokers.count != brokerCount {
            problems.append("expected \(brokerCount) Apache Kafka brokers (image apache/kafka with KAFKA_PROCESS_ROLES containing broker), found \(brokers.count): \(brokers.map(\.name))")
        }
        guard !nodes.isEmpty else { return problems }

        // KRaft: roles set, no ZooKeeper, one cluster id, unique node ids, one voter set naming controllers.
        var nodeIDs: [String: String] = [:]
        for node in nodes {
            let env = node.environment
            switch imageTag(node.image) {
            case nil:
                problems.append("\(node.name): the apache/kafka image has no tag; pin an exact 3.x or 4.x release")
            case let tag? where !(tag.hasPrefix("3.") || tag.hasPrefix("4.")) || tag.split(separator: ".").count < 3:
                problems.append("\(node.name): pin an exact apache/kafka 3.x or 4.x release (e.g. 3.9.1), not '\(tag)'")
            default:
                break
            }
            if roles(node).isEmpty { problems.append("\(node.name): KAFKA_PROCESS_ROLES is not set, so the node does not run in KRaft mode") }
            if env.keys.contains(where: { $0.hasPrefix("KAFKA_ZOOKEEPER") }) { problems.append("\(node.name): ZooKeeper settings found; the cluster must run in KRaft mode") }
            if (env["CLUSTER_ID"] ?? "").isEmpty { problems.append("\(node.name): CLUSTER_ID is not set (KRaft storage is formatted with it)") }
            if let id = env["KAFKA_NODE_ID"], !id.isEmpty {
                if let other = nodeIDs[id] { problems.append("\(node.name): KAFKA_NODE_ID \(id) is also used by \(other)") }
                nodeIDs[id] = node.name
            } else {
                problems.append("\(node.name): KAFKA_NODE_ID is not set")
            }
            if env["KAFKA_CONTROLLER_QUORUM_VOTERS"] == nil { problems.append("\(node.name): KAFKA_CONTROLLER_QUORUM_VOTERS is not set") }
            if node.healthcheck == nil { problems.append("\(node.name): no healthcheck (the topics job waits for service_healthy)") }

            // Persistent storage: a named volume of its own at the log directory.
            let logDir = env["KAFKA_LOG_DIRS"] ?? env["KAFKA_LOG_DIR"]
            if let logDir {
                let mounts = node.volumes.filter { normalizedPath($0.target) == normalizedPath(logDir) }
                if let mount = mounts.first, mount.isNamedVolume, let source = mount.source {
                    if !compose.namedVolumes.contains(source) { problems.append("\(node.name): volume '\(source)' is not declared under the top-level volumes:") }
                    let sharers = nodes.filter { $0.name != node.name && $0.volumes.contains { $0.source == source } }
                    if !sharers.isEmpty { problems.append("\(node.name): data volume '\(source)' is shared with \(sharers.map(\.name)); each broker needs its own") }
                } else {
                    problems.append("\(node.name): KAFKA_LOG_DIRS \(logDir) is not on a named volume, so its data would not survive the container")
                }
            } else {
                problems.append("\(node.name): set KAFKA_LOG_DIRS and mount a named volume there (the image's default log dir is not persistent)")
            }
        }
        if Set(nodes.map { $0.environment["CLUSTER_ID"] ?? "" }).count > 1 {
            problems.append("the Kafka nodes disagree on CLUSTER_ID: \(nodes.map { "\($0.name)=\($0.environment["CLUSTER_ID"] ?? "-")" })")
        }
        let voterSets = Set(nodes.map { $0.environment["KAFKA_CONTROLLER_QUORUM_VOTERS"] ?? "" })
        if voterSets.count > 1 {
            problems.append("the Kafka nodes disagree on KAFKA_CONTROLLER_QUORUM_VOTERS: \(voterSets.sorted())")
        } else if let voters = voterSets.first, !voters.isEmpty {
            let entries = voters.split(separator: ",").map(String.init)
            if entries.count < 3 || entries.count % 2 == 0 {
                problems.append("the controller quorum has \(entries.count) voter(s); use an odd number, at least 3, so one can fail")
            }
            for entry in entries {
                let parts = entry.split(separator: "@", maxSplits: 1).map(String.init)
                let host = parts.count == 2 ? String(parts[1].split(separator: ":").first ?? "") : ""
                guard parts.count == 2, let node = compose.services[host] else {
                    problems.append("voter '\(entry)' does not name a compose service as id@service:port")
                    continue
                }
                if node.environment["KAFKA_NODE_ID"] != parts[0] { problems.append("voter '\(entry)': \(host) has KAFKA_NODE_ID \(node.environment["KAFKA_NODE_ID"] ?? "unset")") }
                if !roles(node).contains("controller") { problems.append("voter '\(entry)': \(host) does not have the controller role") }
            }
        }

        // Cluster-wide settings, required identical on every broker.
        func setting(_ key: String) -> String? {
            let values = Set(brokers.map { $0.environment[key] ?? "" })
            if values.count > 1 {
                problems.append("the brokers disagree on \(key): \(brokers.map { "\($0.name)=\($0.environment[key] ?? "unset")" })")
                return nil
            }
            guard let value = values.first, !value.isEmpty else {
                problems.append("\(key) is not set on the brokers")
                return nil
            }
            return value
        }
        if let auto = setting("KAFKA_AUTO_CREATE_TOPICS_ENABLE"), auto.lowercased() != "false" {
            problems.append("KAFKA_AUTO_CREATE_TOPICS_ENABLE is '\(auto)'; it must be false, topics come only from the catalogue")
        }
        let defaultRF = setting("KAFKA_DEFAULT_REPLICATION_FACTOR").flatMap { Int($0) }
        let minISR = setting("KAFKA_MIN_INSYNC_REPLICAS").flatMap { Int($0) }
        if let rf = setting("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR").flatMap({ Int($0) }), rf != 3 {
            problems.append("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR is \(rf); consumer offsets need replication 3")
        }
        if let rf = setting("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR").flatMap({ Int($0) }), rf != 3 {
            problems.append("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR is \(rf); it must be 3")
        }
        if let isr = setting("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR").flatMap({ Int($0) }), isr != 2 {
            problems.append("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR is \(isr); it must be 2")
        }
        if let defaultRF, defaultRF > brokers.count {
            problems.append("KAFKA_DEFAULT_REPLICATION_FACTOR \(defaultRF) exceeds the \(brokers.count) broker(s)")
        }
        if let minISR, let defaultRF, minISR >= defaultRF {
            problems.append("KAFKA_MIN_INSYNC_REPLICAS \(minISR) must be below the replication factor \(defaultRF), or one broker down refuses acks=all writes")
        }

        // Consistency with the catalogue, one message per distinct disagreement.
        let byRF = Dictionary(grouping: topics, by: \.replicationFactor)
        for (rf, group) in byRF.sorted(by: { $0.key < $1.key }) {
            if rf > brokers.count {
                problems.append("\(group.count) catalogue topic(s) need replication factor \(rf) but the deployment has \(brokers.count) broker(s), e.g. \(group[0].name)")
            }
            if let defaultRF, rf != defaultRF {
                problems.append("\(group.count) catalogue topic(s) have replication_factor \(rf) but KAFKA_DEFAULT_REPLICATION_FACTOR is \(defaultRF), e.g. \(group[0].name)")
            }
        }
        for (isr, group) in Dictionary(grouping: topics, by: \.minInSyncReplicas).sorted(by: { $0.key < $1.key }) {
            if let minISR, isr != minISR {
                problems.append("\(group.count) catalogue topic(s) have min_insync_replicas \(isr) but KAFKA_MIN_INSYNC_REPLICAS is \(minISR), e.g. \(group[0].name)")
            }
            if isr >= brokers.count {
                problems.append("\(group.count) catalogue topic(s) have min_insync_replicas \(isr) with \(brokers.count) broker(s): no broker may ever be down, e.g. \(group[0].name)")
            }
        }
        return problems
    }

    /// Client addresses of the brokers: `host:port` of each advertised PLAINTEXT-like listener that
    /// is not the controller listener.
    static func advertisedAddresses(_ compose: ComposeFile) -> [String: String] {
        var result: [String: String] = [:]
        for broker in brokers(compose) {
            let controller = broker.environment["KAFKA_CONTROLLER_LISTENER_NAMES"] ?? "CONTROLLER"
            for listener in (broker.environment["KAFKA_ADVERTISED_LISTENERS"] ?? "").split(separator: ",") {
                let parts = listener.split(separator: "/", omittingEmptySubsequences: true)
                guard parts.count == 2, !parts[0].hasPrefix(controller) else { continue }
                result[String(parts[1])] = broker.name
            }
        }
        return result
    }

    /// A `--brokers` list must name each compose broker service exactly once, on its advertised port.
    static func checkBrokerList(_ list: String?, of service: String, in compose: ComposeFile) -> [String] {
        guard let list, !list.isEmpty else { return ["\(service): no --brokers list"] }
        var problems: [String] = []
        let advertised = advertisedAddresses(compose)
        let entries = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let hosts = entries.map { String($0.split(separator: ":").first ?? "") }
        for entry in entries where advertised[entry] == nil {
            problems.append("\(service): --brokers entry '\(entry)' is not the advertised address of a compose broker (\(advertised.keys.sorted()))")
        }
        if Set(hosts).count != hosts.count { problems.append("\(service): --brokers names a broker twice: \(list)") }
        let missing = Set(brokers(compose).map(\.name)).subtracting(hosts)
        if !missing.isEmpty { problems.append("\(service): --brokers leaves out broker(s) \(missing.sorted())") }
        return problems
    }

    // MARK: Topics job

    static func checkTopicsJob(_ compose: ComposeFile) -> [String] {
        guard let job = compose.services["topics"] else { return ["no 'topics' service (the one-shot job that applies the catalogue)"] }
        var problems: [String] = []
        let args = job.dcsArguments ?? []
        if !args.starts(with: ["topics", "apply"]) {
            problems.append("topics: the command must be `dcs topics apply ...`, found \(job.command ?? [])")
        }
        problems += checkBrokerList(job.option("brokers"), of: "topics", in: compose)
        for broker in brokers(compose) where job.dependsOn[broker.name] != "service_healthy" {
            problems.append("topics: must depend on \(broker.name) with condition service_healthy (has \(job.dependsOn[broker.name] ?? "no dependency"))")
        }
        if !(job.restart ?? "").hasPrefix("on-failure") {
            problems.append("topics: restart must be on-failure (a one-shot job retried while the cluster settles), found \(job.restart ?? "none")")
        }
        if !isDCS(job) { problems.append("topics: must run the dcs image built from compose/Dockerfile") }
        return problems
    }

    // MARK: Workers

    /// Services whose command is `dcs worker ...` or whose name starts with `worker-`.
    static func workerServices(_ compose: ComposeFile) -> [ComposeService] {
        compose.sortedServices.filter { $0.name.hasPrefix("worker-") || $0.dcsArguments?.first == "worker" }
    }

    static func checkWorkers(_ compose: ComposeFile, categories: [String], prometheus: PrometheusConfig) -> [String] {
        var problems: [String] = []
        let workers = workerServices(compose)
        var volumeOwners: [String: String] = [:]
        for category in categories {
            let running = workers.filter { ($0.dcsArguments ?? []).starts(with: ["worker", category]) }
            if running.count != 1 {
                problems.append("expected exactly one service running `worker \(category)`, found \(running.count): \(running.map(\.name))")
            }
        }
        for worker in workers {
            let name = worker.name
            let args = worker.dcsArguments ?? []
            guard args.count >= 2, args[0] == "worker" else {
                problems.append("\(name): the command must be `dcs worker <category> ...`, found \(worker.command ?? [])")
                continue
            }
            let category = args[1]
            if !categories.contains(category) {
                problems.append("\(name): runs `worker \(category)`, which is not a category of the catalogue (\(categories))")
            }
            if name != "worker-\(category)" { problems.append("\(name): a worker of \(category) must be named worker-\(category)") }
            if !isDCS(worker) { problems.append("\(name): must run the dcs image built from compose/Dockerfile") }

            problems += checkBrokerList(worker.option("brokers"), of: name, in: compose)
            if let env = worker.environment["DCS_BROKERS"] {
                problems += checkBrokerList(env, of: "\(name) (DCS_BROKERS)", in: compose)
            }

            // State on a named volume, never shared across categories.
            if let stateDir = worker.option("state-dir") {
                let mount = worker.volumes.first { normalizedPath($0.target) == normalizedPath(stateDir) }
                if let mount, mount.isNamedVolume, let source = mount.source {
                    if !compose.namedVolumes.contains(source) { problems.append("\(name): volume '\(source)' is not declared under the top-level volumes:") }
                    if let owner = volumeOwners[source], owner != category {
                        problems.append("\(name): state volume '\(source)' is also used by the \(owner) workers; categories need their own")
                    }
                    volumeOwners[source] = category
                } else {
                    problems.append("\(name): --state-dir \(stateDir) is not on a named volume, so partition state would be lost with the container")
                }
            } else {
                problems.append("\(name): no --state-dir")
            }

            // One port for metrics, health and the Prometheus scrape.
            if let port = worker.option("metrics-port").flatMap({ Int($0) }) {
                let check = worker.healthcheck ?? ""
                let urls = check.split(whereSeparator: { $0.isWhitespace || $0 == "\"" || $0 == "'" }).map(String.init)
                if !urls.contains("http://localhost:\(port)/health") && !urls.contains("http://127.0.0.1:\(port)/health") {
                    problems.append("\(name): the healthcheck must GET http://localhost:\(port)/health (the --metrics-port), found '\(check)'")
                }
                let scrapes = prometheus.discoveries(of: name)
                if scrapes.isEmpty {
                    problems.append("\(name): prometheus.yml has no dns_sd_configs entry naming \(name)")
                }
                for sd in scrapes {
                    if sd.port != port { problems.append("\(name): prometheus job \(sd.job) scrapes port \(sd.port.map(String.init) ?? "none"), the worker serves metrics on \(port)") }
                    if sd.type != "A" { problems.append("\(name): prometheus job \(sd.job) resolves it with type \(sd.type); use type A (one record per replica)") }
                    if sd.metricsPath != "/metrics" { problems.append("\(name): prometheus job \(sd.job) scrapes \(sd.metricsPath), the worker serves /metrics") }
                }
            } else {
                problems.append("\(name): no numeric --metrics-port")
            }

            if (worker.replicas ?? 1) < 2 {
                problems.append("\(name): deploy.replicas is \(worker.replicas ?? 1); run at least 2 so a category survives one replica down")
            }
            if worker.dependsOn["topics"] != "service_completed_successfully" {
                problems.append("\(name): must depend on topics with condition service_completed_successfully")
            }
            let grace = worker.stopGracePeriod.flatMap(composeDurationSeconds) ?? 10
            if grace < 30 {
                problems.append("\(name): stop_grace_period is \(worker.stopGracePeriod ?? "the 10s default"); allow at least 30s to drain in-flight work on SIGTERM")
            }
        }
        return problems
    }

    // MARK: The dcs command line

    /// Whether a service runs the dcs image (built from compose/Dockerfile, or an image named dcs).
    static func isDCS(_ service: ComposeService) -> Bool {
        if let dockerfile = service.buildDockerfile, dockerfile.hasSuffix("compose/Dockerfile") { return true }
        let repository = imageRepository(service.image) ?? ""
        return repository == "dcs" || repository.hasSuffix("/dcs")
    }

    /// Every `--flag` of every dcs command line, by the service using it.
    static func flagsUsed(_ compose: ComposeFile) -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        for service in compose.sortedServices where isDCS(service) {
            for arg in service.dcsArguments ?? [] where arg.hasPrefix("--") {
                result[service.name, default: []].insert(String(arg.dropFirst(2).split(separator: "=", maxSplits: 1).first ?? ""))
            }
        }
        return result
    }

    /// Flags and environment variables of dcs services must be in the CLI contract.
    static func checkCommandContract(_ compose: ComposeFile) -> [String] {
        var problems: [String] = []
        let used = flagsUsed(compose)
        for service in compose.sortedServices where isDCS(service) {
            let args = service.dcsArguments ?? []
            guard let allowed = DCSCommandContract.allowedFlags(forArguments: args) else {
                problems.append("\(service.name): `dcs \(args.prefix(2).joined(separator: " "))` is not a command of the contract (topics apply, worker)")
                continue
            }
            for flag in (used[service.name] ?? []).sorted() where !allowed.contains(flag) {
                problems.append("\(service.name): --\(flag) is not in the dcs contract for `\(args.prefix(2).joined(separator: " "))` (allowed: \(allowed.sorted().map { "--\($0)" }))")
            }
            for key in service.environment.keys.sorted() where key.hasPrefix("DCS_") && !DCSCommandContract.environmentVariables.contains(key) {
                problems.append("\(service.name): environment variable \(key) is not one dcs reads (\(DCSCommandContract.environmentVariables.sorted()))")
            }
        }
        return problems
    }

    /// Each flag must be declared by the dcs sources: its kebab-case name as a string literal, or
    /// its camelCase property (`var stateDir` is `--state-dir` in swift-argument-parser).
    static func checkFlagsDeclared(_ flags: Set<String>, inSources sources: String) -> [String] {
        flags.sorted().compactMap { flag in
            let camel = DCSCommandContract.camelCase(flag)
            let declared = sources.contains("\"\(flag)\"")
                || sources.range(of: #"\b(var|let)\s+\#(camel)\b"#, options: .regularExpression) != nil
            return declared ? nil : "--\(flag) is used by compose/ but Sources/dcs declares no option '\(flag)' (nor a property '\(camel)')"
        }
    }

    // MARK: Image

    /// The shared libraries the `dcs` binary links from Debian (Package.swift: CRdKafka, GRDB's
    /// SQLite, CMemoryAllocator) and the runtime packages that provide them.
    static let runtimeLibraryPackages: KeyValuePairs<String, String> = [
        "librdkafka.so.1": "librdkafka1", "libsqlite3.so.0": "libsqlite3-0", "libjemalloc.so.2": "libjemalloc2",
    ]

    static func checkDockerfile(_ dockerfile: Dockerfile) -> [String] {
        var problems: [String] = []
        let froms = dockerfile.all("FROM").map(\.arguments)
        if !froms.contains(where: { $0.hasPrefix("swift:6.") }) {
            problems.append("Dockerfile: build with the official swift:6.x image (FROM swift:6.x-bookworm AS build)")
        }
        if let last = froms.last, !last.hasPrefix("debian:bookworm-slim") {
            problems.append("Dockerfile: the runtime stage must be debian:bookworm-slim, found \(last)")
        }
        let builds = dockerfile.all("RUN").map(\.arguments).filter { $0.contains("swift build") }
        if !builds.contains(where: { $0.contains("--product dcs") && $0.contains("-c release") }) {
            problems.append("Dockerfile: no `swift build -c release --product dcs` step")
        }
        if !builds.contains(where: { $0.contains("--static-swift-stdlib") }) {
            problems.append("Dockerfile: build with --static-swift-stdlib so the runtime image needs no Swift runtime")
        }
        if !dockerfile.copies.contains(where: { $0.destination == "/usr/local/bin/dcs" || $0.destination == "/usr/local/bin/" }) {
            problems.append("Dockerfile: the dcs binary must be copied to /usr/local/bin/dcs")
        }
        let topicCopies = dockerfile.copies.filter { copy in copy.sources.contains { normalizedPath($0) == "topics" } }
        let topicsDir = dockerfile.environment["DCS_TOPICS_DIR"]
        if topicCopies.isEmpty {
            problems.append("Dockerfile: topics/ (the catalogue) is not copied into the image")
        } else if let topicsDir {
            if !topicCopies.contains(where: { normalizedPath($0.destination) == normalizedPath(topicsDir) }) {
                problems.append("Dockerfile: DCS_TOPICS_DIR is \(topicsDir) but topics/ is copied to \(topicCopies.map(\.destination))")
            }
        } else {
            problems.append("Dockerfile: ENV DCS_TOPICS_DIR is not set to where topics/ is copied")
        }
        for key in dockerfile.environment.keys.sorted() where key.hasPrefix("DCS_") && !DCSCommandContract.environmentVariables.contains(key) {
            problems.append("Dockerfile: ENV \(key) is not a variable dcs reads")
        }
        if let user = dockerfile.all("USER").last?.arguments {
            if ["root", "0"].contains(String(user.split(separator: ":").first ?? "")) { problems.append("Dockerfile: the image must not run as root (USER \(user))") }
        } else {
            problems.append("Dockerfile: no USER; the image must run as a non-root user")
        }
        if dockerfile.all("STOPSIGNAL").last?.arguments != "SIGTERM" {
            problems.append("Dockerfile: STOPSIGNAL SIGTERM (workers drain on it)")
        }
        // The runtime stage is a bare Debian: each shared library the binary links must be
        // installed there, or the container exits at start ("error while loading shared libraries").
        let runtimeRuns = dockerfile.instructions.split { $0.keyword == "FROM" }.last?.filter { $0.keyword == "RUN" }.map(\.arguments) ?? []
        for (library, package) in runtimeLibraryPackages
        where !runtimeRuns.contains(where: { $0.contains("apt-get") && $0.split(separator: " ").contains(Substring(package)) }) {
            problems.append("Dockerfile: the runtime stage must install \(package) (the binary links \(library))")
        }
        let entrypoint = dockerfile.all("ENTRYPOINT").last?.arguments.replacingOccurrences(of: " ", with: "")
        if entrypoint != #"["dcs"]"# && entrypoint != #"["/usr/local/bin/dcs"]"# {
            problems.append(#"Dockerfile: ENTRYPOINT must be ["dcs"], found \#(entrypoint ?? "none")"#)
        }
        return problems
    }

    /// Every `build:` must use the repository root as context and compose/Dockerfile, which must exist.
    static func checkBuilds(_ compose: ComposeFile, composeDirectory: URL, repositoryRoot: URL) -> [String] {
        var problems: [String] = []
        for service in compose.sortedServices where service.buildContext != nil || service.buildDockerfile != nil {
            let context = URL(fileURLWithPath: service.buildContext ?? ".", relativeTo: composeDirectory).standardizedFileURL
            if context.path != repositoryRoot.standardizedFileURL.path {
                problems.append("\(service.name): build context \(service.buildContext ?? ".") is \(context.path), not the repository root")
            }
            let dockerfile = context.appendingPathComponent(service.buildDockerfile ?? "Dockerfile").standardizedFileURL
            if !FileManager.default.fileExists(atPath: dockerfile.path) {
                problems.append("\(service.name): Dockerfile \(dockerfile.path) does not exist")
            }
        }
        return problems
    }

    // MARK: Helpers

    static func roles(_ node: ComposeService) -> Set<String> {
        Set((node.environment["KAFKA_PROCESS_ROLES"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    }

    /// `apache/kafka:3.9.1` → `apache/kafka` (a registry host and a digest are dropped too).
    static func imageRepository(_ image: String?) -> String? {
        guard let image else { return nil }
        var name = String(image.split(separator: "@").first ?? "")
        if let colon = name.lastIndex(of: ":"), !name[colon...].contains("/") { name = String(name[..<colon]) }
        if let slash = name.firstIndex(of: "/"), name[..<slash].contains(".") { name = String(name[name.index(after: slash)...]) }
        if name.hasPrefix("library/") { name.removeFirst("library/".count) }
        return name
    }

    static func imageTag(_ image: String?) -> String? {
        guard let image else { return nil }
        let name = String(image.split(separator: "@").first ?? "")
        guard let colon = name.lastIndex(of: ":"), !name[colon...].contains("/") else { return nil }
        return String(name[name.index(after: colon)...])
    }
}
