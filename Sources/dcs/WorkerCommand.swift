import ArgumentParser
import DCSKafka
import DCSMessages
import DCSWorkerRuntime
import DCSWorkers
import Foundation
import ServiceLifecycle
import UnixSignals

struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run one worker process of a category against any cluster, until SIGTERM/SIGINT.",
        discussion: """
        Several processes of one category share the request topic's partitions through the consumer \
        group and one state directory (one SQLite file per partition, ownership fenced). On SIGTERM \
        the worker finishes in-flight work, publishes its results and commits before exiting.
        """
    )

    @OptionGroup var common: CommonOptions
    @OptionGroup var kafka: KafkaOptions

    @Argument(help: "Category: administrative, utilities, health, banking or telecom.")
    var category: String

    @Option(help: "State directory (env DCS_STATE_DIR; default ./state).")
    var stateDir: String?

    @Option(help: "Port of the /metrics and /health endpoint (env DCS_METRICS_PORT; 0 picks a free port; default: no endpoint).")
    var metricsPort: Int?

    @Option(help: "Name of this process in ownership records and logs (env DCS_INSTANCE_ID; default host-pid).")
    var instanceId: String?

    @Option(help: "JSON file of the station keys to accept (env DCS_STATION_KEYS). Without it, unsigned requests are accepted: development only.")
    var stationKeys: String?

    @Option(help: "JSON file of the field encryption keys (env DCS_FIELD_KEYS). Without it, sensitive fields are accepted in clear: development only.")
    var fieldKeys: String?

    @Option(help: "SQLite page cache per partition database, in KiB (env DCS_DB_CACHE_KIB; default 16384).")
    var dbCacheKib: Int?

    @Option(help: "Days a stored answer is kept for deduplication (env DCS_ANSWER_RETENTION_DAYS; default 90; at least as long as the catalogue's request, retry and dead-letter topics keep a request, together).")
    var answerRetentionDays: Int?

    /// An integer setting: the flag's value, else the environment variable's, else `nil`. A
    /// value outside `range`, or a variable that is not an integer, is refused rather than
    /// replaced by the default.
    private func integerSetting(
        _ flagValue: Int?, flag: String, variable: String, in range: ClosedRange<Int>, rule: String, environment: [String: String]
    ) throws -> Int? {
        if let flagValue {
            guard range.contains(flagValue) else { throw ValidationError("\(flag) must be \(rule), not \(flagValue)") }
            return flagValue
        }
        guard let text = environment[variable], !text.isEmpty else { return nil }
        guard let value = Int(text), range.contains(value) else { throw ValidationError("\(variable) must be \(rule), not '\(text)'") }
        return value
    }

    func run() async throws {
        let logger = try common.makeLogger(label: "dcs.worker")
        let environment = ProcessInfo.processInfo.environment
        guard let category = ServiceCategory(rawValue: category) else {
            throw ValidationError("unknown category '\(category)'; expected one of \(ServiceCategory.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let handler = RequestHandlers().handler(for: category)
        let catalogue = try common.loadCatalogue()
        let stateDirectory = URL(fileURLWithPath: stateDir ?? environment["DCS_STATE_DIR"] ?? "state", isDirectory: true)
        var authenticator: RequestAuthenticator?
        if let path = stationKeys ?? environment[StationKeyRegistry.environmentVariable] {
            do {
                authenticator = RequestAuthenticator(registry: try StationKeyRegistry.load(contentsOf: URL(fileURLWithPath: path)))
            } catch {
                printError("error: \(error)")
                throw ExitCode(1)
            }
        } else {
            logger.warning("No station keys configured: accepting unsigned requests (development only; set --station-keys or DCS_STATION_KEYS)")
        }
        var fieldCipher: FieldCipher?
        if let path = fieldKeys ?? environment[FieldKeyRing.environmentVariable] {
            do {
                fieldCipher = FieldCipher(keys: try FieldKeyRing.load(contentsOf: URL(fileURLWithPath: path)))
            } catch {
                printError("error: \(error)")
                throw ExitCode(1)
            }
        } else {
            logger.warning("No field keys configured: accepting sensitive fields in clear (development only; set --field-keys or DCS_FIELD_KEYS)")
        }
        var configuration = WorkerConfiguration(
            category: category, stateDirectory: stateDirectory, instanceID: instanceId ?? environment["DCS_INSTANCE_ID"],
            authenticator: authenticator, fieldCipher: fieldCipher
        )
        if let cache = try integerSetting(
            dbCacheKib, flag: "--db-cache-kib", variable: "DCS_DB_CACHE_KIB", in: 0...Int.max, rule: "a non-negative integer", environment: environment
        ) {
            configuration.databaseCacheKiB = cache
        }
        if let days = try integerSetting(
            answerRetentionDays, flag: "--answer-retention-days", variable: "DCS_ANSWER_RETENTION_DAYS", in: 1...36_500,
            rule: "a number of days (1-36500)", environment: environment
        ) {
            configuration.answerRetention = .seconds(days * 86_400)
        }
        let metricsPort = try integerSetting(
            metricsPort, flag: "--metrics-port", variable: "DCS_METRICS_PORT", in: 0...65_535, rule: "a port number (0-65535)", environment: environment)
        let worker = try Worker(
            configuration: configuration, handler: handler, catalogue: catalogue,
            kafka: kafka.clientConfiguration(), logger: logger
        )
        var services = worker.services
        if let port = metricsPort {
            services.insert(try WorkerObservability.server(for: worker, port: port, logger: logger), at: 0)
        }
        logger.info("Worker starting", metadata: ["state.dir": "\(stateDirectory.path)", "kafka.group": "\(configuration.groupID)"])
        let group = ServiceGroup(configuration: .init(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger
        ))
        try await group.run()
    }
}
