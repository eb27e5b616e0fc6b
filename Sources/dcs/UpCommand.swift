import ArgumentParser
import DCSKafka
import DCSMessages
import DCSSimulator
import DCSTopicAdmin
import DCSUtilities
import DCSWorkerRuntime
import DCSWorkers
import Foundation
import ServiceLifecycle
import UnixSignals

struct UpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "The main job: the whole fleet on the embedded cluster, with simulated stations, and a summary.",
        discussion: """
        Starts the embedded Kafka-protocol cluster, applies the catalogue, starts a worker for each of \
        the five categories, and stations in several wards running the station library (signed \
        requests, encrypted fields, offline outbox, their own reply partitions) that send a realistic \
        mix of requests for every service (mostly valid, some invalid, some resent, a few broken). \
        Shows progress every second and ends with a summary; exits 1 if any request lacks an \
        outcome, has conflicting ones, or its answer did not reach its station.
        """
    )

    @OptionGroup var common: CommonOptions

    @Option(help: "Seconds of traffic.")
    var duration: Int = 30

    @Option(help: "Requests per second offered.")
    var rate: Double = 200

    @Option(help: "Number of stations sending.")
    var stations: Int = 50

    @Option(help: "Write the summary as JSON to this file, for scripts.")
    var jsonSummary: String?

    @Option(help: "Brokers of the embedded cluster.")
    var brokerCount: Int = 3

    @Option(help: "State directory (default: a temporary one, removed afterwards).")
    var stateDir: String?

    @Option(help: "Seconds to wait for outstanding outcomes after the traffic stops.")
    var drainTimeout: Int = 60

    @Option(help: """
        A scripted story on top of the traffic. `outage`: the electricity downstream goes down for \
        longer than the retry tiers (scaled down to 2 s / 4 s / 8 s for the demo), requests end as \
        dead letters answered "under review", the outage ends, their dead letters are replayed, the \
        stations get the final answers, and a second replay replays nothing.
        """)
    var scenario: Scenario?

    enum Scenario: String, ExpressibleByArgument, CaseIterable {
        case outage
    }

    func validate() throws {
        guard duration > 0 else { throw ValidationError("--duration must be positive") }
        guard rate > 0 else { throw ValidationError("--rate must be positive") }
        guard stations > 0 else { throw ValidationError("--stations must be positive") }
        guard drainTimeout > 0 else { throw ValidationError("--drain-timeout must be positive") }
    }

    func run() async throws {
        var options = common
        if options.logLevel == nil, ProcessInfo.processInfo.environment["DCS_LOG_LEVEL"] == nil { options.logLevel = "warning" }
        let logger = try options.makeLogger(label: "dcs.up")
        let catalogue = try options.loadCatalogue()
        let broker: EmbeddedBroker
        do {
            broker = try EmbeddedBroker(brokers: brokerCount, catalogue: catalogue, logger: logger)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        let kafka = KafkaClientConfiguration(bootstrapServers: broker.cluster.bootstrapServerList)
        let temporaryState = stateDir == nil
        let stateDirectory = stateDir.map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("dcs-up-\(UUID().uuidString)", isDirectory: true)
        defer { if temporaryState { try? FileManager.default.removeItem(at: stateDirectory) } }

        printNow("embedded cluster: \(broker.bootstrapServers) (\(catalogue.topics.count) topics)")
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: broker)]
        var workers: [Worker] = []
        let domains = RequestHandlers()
        // Every simulated station gets its own signing key for this run; workers accept only those.
        let stationKeys = SimulatedStation.keys(for: SimulatedStation.fleet(count: stations))
        let authenticator = RequestAuthenticator(registry: stationKeys)
        // And the fields that must never travel in clear are encrypted under per-category keys.
        let fieldCipher = FieldCipher(keys: FieldKeyRing.generate())
        // The outage story needs the retry ladder to run out within the demo: the catalogue's
        // 10 s / 1 min / 10 min tiers are scaled down.
        let retry = scenario == .outage ? RetryPolicy(tierDelays: [.seconds(2), .seconds(4), .seconds(8)]) : RetryPolicy()
        for category in ServiceCategory.allCases {
            let worker = try Worker(
                configuration: WorkerConfiguration(
                    category: category, stateDirectory: stateDirectory, instanceID: "up-\(category.rawValue)", retry: retry,
                    authenticator: authenticator, fieldCipher: fieldCipher
                ),
                handler: domains.handler(for: category),
                catalogue: catalogue, kafka: kafka, logger: logger
            )
            services += worker.services.map { .init(service: $0) }
            workers.append(worker)
            printNow("worker: \(category.rawValue)")
        }
        let secret = SubjectKey.Secret(ProcessInfo.processInfo.environment["DCS_SUBJECT_KEY_SECRET"] ?? "dcs-demo-subject-key")
        // The stations themselves: the station library's clients on one shared link.
        var stationLogger = logger
        stationLogger.logLevel = max(logger.logLevel, .error)
        let fleet = try StationFleet(
            stations: SimulatedStation.fleet(count: stations), kafka: kafka, topics: catalogue, services: try options.loadServiceCatalogue(),
            subjectKeySecret: secret, stationKeys: stationKeys, fieldKeys: fieldCipher.keys, logger: stationLogger)
        services += fleet.services.map { .init(service: $0) }
        let outage = scenario == .outage ? OutageScenario(
            startsAfter: .seconds(max(1, duration / 6)), lasts: .seconds(max(20, duration * 2 / 3)),
            downstream: domains.downstream, catalogue: catalogue, kafka: kafka, logger: logger
        ) : nil
        var afterTraffic: (@Sendable (OutcomeCollector) async -> Void)?
        if let outage {
            afterTraffic = { collector in await outage.afterTraffic(collector, report: { printNow($0) }) }
        }
        let simulator = StationSimulator(
            configuration: SimulationConfiguration(
                rate: rate, duration: .seconds(duration), stations: stations, drainTimeout: .seconds(drainTimeout)
            ),
            catalogue: catalogue, kafka: kafka,
            traffic: Dictionary(uniqueKeysWithValues: ServiceCategory.allCases.map { ($0, domains.sampleTraffic(for: $0)) }),
            keySecret: secret, stationKeys: stationKeys, fieldCipher: fieldCipher, fleet: fleet, logger: logger,
            waitUntilReady: { [workers] in
                for worker in workers where !(await worker.waitForAssignment(timeout: .seconds(30))) {
                    printError("warning: the \(worker.configuration.category.rawValue) worker has no partitions yet; sending anyway")
                }
            },
            afterTraffic: afterTraffic,
            progress: { progress in
                outage?.tick(elapsed: progress.elapsed, report: { printNow($0) })
                let phase = progress.sending ? "sending " : "draining"
                printNow(String(format: "[%4ds] %@  sent %6d  answered %6d  in flight %5d",
                                Int(progress.elapsed.components.seconds), phase, progress.sent, progress.answered, progress.sent - progress.answered))
            }
        )
        printNow("stations: \(stations) station-library clients on one link, in wards \(SimulatedStation.demoWards.map(\.rawValue).joined(separator: ", ")); \(Int(rate)) requests/s for \(duration) s")
        services.append(.init(service: simulator, successTerminationBehavior: .gracefullyShutdownGroup))
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()

        let collected = simulator.collector.summary()
        let summary = outage?.complete(collected) ?? collected
        printNow("")
        printNow(summary.report)
        if let jsonSummary {
            try summary.jsonData().write(to: URL(fileURLWithPath: jsonSummary), options: .atomic)
        }
        if !summary.isComplete { throw ExitCode(1) }
    }
}
