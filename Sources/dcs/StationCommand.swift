import ArgumentParser
import DCSKafka
import DCSMessages
import DCSSchema
import DCSSimulator
import DCSStation
import DCSWorkers
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// `dcs station`: play a kiosk through the station library (offline outbox, reply routing).
struct StationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "station",
        abstract: "Play a station: submit a citizen's request through the station library and wait for its result.",
        subcommands: [Submit.self, Load.self]
    )

    /// `dcs station submit`: one request through the outbox, its result printed as JSON.
    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "submit",
            abstract: "Submit one request as a station and print its result envelope as JSON.",
            discussion: """
            The request is written to the station's SQLite outbox first, then published (keyed by the \
            subject key of the service's partition_key field, naming the station's reply partition), and \
            the result is read from that one partition of dcs.results. Exit 0 with the result envelope on \
            standard output (whatever its status), 3 when no result came within --wait seconds (the \
            request stays in the outbox: the next run with the same --outbox sends what is still waiting \
            and keeps any result that arrives), 1 on any other error (a typed station.* code on standard \
            error). Environment: DCS_STATION_ID, DCS_WARD_CODE, DCS_STATION_OUTBOX, DCS_SUBJECT_KEY_SECRET \
            (default: the documented demo secret), DCS_BROKERS.
            """
        )

        @OptionGroup var common: CommonOptions
        @OptionGroup var kafka: KafkaOptions

        @Option(help: "Station id, e.g. ST-27097-01 (env DCS_STATION_ID).")
        var station: String?

        @Option(help: "The station's 5-digit ward code, e.g. 27097 (env DCS_WARD_CODE).")
        var ward: String?

        @Option(help: "Service id from topics/services, e.g. utilities.electricity.lookup.")
        var service: String

        @Option(help: "The request payload, a JSON object.")
        var payload: String

        @Option(help: "Seconds to wait for the result (default 30).")
        var wait: Int = 30

        @Option(help: "Outbox SQLite file (env DCS_STATION_OUTBOX; default ./dcs-station-<station>.sqlite).")
        var outbox: String?

        @Option(help: "Key file holding the station's signing key (same JSON format as the workers' DCS_STATION_KEYS). Without it, requests go unsigned.")
        var keyFile: String?

        @Option(help: "Which key of --key-file to sign with (default: the only key of this station in the file).")
        var keyId: String?

        @Option(help: "Field encryption key file (env DCS_FIELD_KEYS): sensitive payload fields are encrypted before they leave the station.")
        var fieldKeys: String?

        func run() async throws {
            let logger = try common.makeLogger(label: "dcs.station")
            let environment = ProcessInfo.processInfo.environment
            guard wait > 0 else { throw ValidationError("--wait must be positive") }
            guard let stationText = station ?? environment[StationConfiguration.EnvironmentKey.stationID] else {
                throw ValidationError("no station given: pass --station or set DCS_STATION_ID")
            }
            guard let wardText = ward ?? environment[StationConfiguration.EnvironmentKey.wardCode] else {
                throw ValidationError("no ward given: pass --ward or set DCS_WARD_CODE")
            }
            let stationID: StationID
            let wardCode: WardCode
            do {
                stationID = try StationID(stationText)
                wardCode = try WardCode(wardText)
            } catch {
                throw ValidationError(error.message)
            }
            let body: [String: JSONValue]
            do {
                guard let object = try JSONValue(parsing: payload).objectValue else {
                    throw ValidationError("--payload must be a JSON object")
                }
                body = object
            } catch let error as ValidationError {
                throw error
            } catch {
                throw ValidationError("--payload is not JSON: \(error)")
            }
            let topics = try common.loadCatalogue()
            let services = try common.loadServiceCatalogue()

            var configuration = StationConfiguration(stationID: stationID, wardCode: wardCode, kafka: try kafka.clientConfiguration())
            if let path = outbox ?? environment[StationConfiguration.EnvironmentKey.outbox], !path.isEmpty {
                configuration.outbox = path == ":memory:" ? .inMemory : .file(path)
            }
            if let secret = environment[StationConfiguration.EnvironmentKey.subjectKeySecret], !secret.isEmpty {
                configuration.subjectKeySecret = SubjectKey.Secret(secret)
            }
            if let keyFile {
                let registry: StationKeyRegistry
                do { registry = try StationKeyRegistry.load(contentsOf: URL(fileURLWithPath: keyFile)) } catch { throw ValidationError("\(error)") }
                let candidates = registry.keys.values.filter { keyId == nil ? $0.stationID == stationID : $0.keyID == keyId }
                guard candidates.count == 1, let key = candidates.first else {
                    throw ValidationError(keyId.map { "no key '\($0)' in \(keyFile)" } ?? "\(keyFile) must hold exactly one key of \(stationID.rawValue), or pass --key-id")
                }
                // A key of another station is used as given: the worker refuses it, which is how to try a wrong key.
                configuration.signingKey = key
            } else if keyId != nil {
                throw ValidationError("--key-id needs --key-file")
            }
            if let path = fieldKeys ?? environment[FieldKeyRing.environmentVariable] {
                do { configuration.fieldKeys = try FieldKeyRing.load(contentsOf: URL(fileURLWithPath: path)) } catch { throw ValidationError("\(error)") }
            }
            let client: StationClient
            do {
                client = try StationClient(configuration: configuration, topics: topics, services: services, logger: logger)
            } catch {
                fail(error)
                throw ExitCode(1)
            }

            let group = ServiceGroup(configuration: .init(services: [client], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            let service = self.service
            let limit = Duration.seconds(wait)
            let outcome: Result<ResultEnvelope, StationError> = try await withThrowingTaskGroup(of: Result<ResultEnvelope, StationError>?.self) { tasks in
                tasks.addTask {
                    try await group.run()
                    return nil
                }
                tasks.addTask { await Self.ask(client, service: service, payload: body, timeout: limit, logger: logger) }
                var outcome: Result<ResultEnvelope, StationError>?
                while let next = try await tasks.next() {
                    if let next, outcome == nil {
                        outcome = next
                        await group.triggerGracefulShutdown()
                    }
                }
                return outcome ?? .failure(StationError(code: .shutDown, message: "stopped before the request was answered"))
            }
            switch outcome {
            case .success(let result):
                printNow(String(decoding: try result.encoded(prettyPrinted: true), as: UTF8.self))
            case .failure(let error):
                fail(error)
                throw ExitCode(error.code == .resultTimeout ? 3 : 1)
            }
        }

        /// Submits the request and waits for its result.
        private static func ask(
            _ client: StationClient, service: String, payload: [String: JSONValue], timeout: Duration, logger: Logger
        ) async -> Result<ResultEnvelope, StationError> {
            let id: UUID
            do {
                id = try await client.submit(serviceID: service, payload: payload)
            } catch {
                return .failure(error)
            }
            logger.info("Request submitted", metadata: ["request.id": "\(id.lowercasedString)", "service.id": "\(service)"])
            do {
                return .success(try await client.result(for: id, timeout: timeout))
            } catch {
                return .failure(error)
            }
        }

        /// The typed error: a JSON object on standard output for scripts, a line on standard error.
        private func fail(_ error: StationError) {
            var object: [String: JSONValue] = ["code": .string(error.code.rawValue), "message": .string(error.message)]
            if let id = error.requestID { object["request_id"] = .string(id.lowercasedString) }
            printNow(JSONValue.object(["error": .object(object)]).jsonString)
            printError("error: \(error)")
        }
    }

    /// `dcs station load`: N station clients at a fixed overall rate; counts, latency, start-up.
    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "load",
            abstract: "Load generator: N station clients (outboxes in memory) sending every category's sample traffic through the station library.",
            discussion: """
            Stations are the demo fleet (ST-<ward>-<NN> over the wards of `dcs up`); each is a real \
            StationClient with its own producer and its own reply consumer group. They start together; \
            traffic begins once they are ready (--ready-timeout; laggards send nothing and are reported). \
            Requests are drawn from every category's sample traffic (a share invalid, answered with typed \
            rejections), paced to --rate overall, each through a random station, each awaited with \
            result(for:timeout:). Every request ends once, as a result (by status) or an error (by code): \
            sent = answered + errors. Workers must be running on the same cluster. Exit 0 when the run \
            completed (errors are reported, not an exit status), 1 when no station became ready.
            """
        )

        @OptionGroup var common: CommonOptions
        @OptionGroup var kafka: KafkaOptions

        @Option(help: "Number of station clients.")
        var stations: Int = 50

        @Option(help: "Requests per second offered, over all stations.")
        var rate: Double = 100

        @Option(help: "Seconds of traffic.")
        var duration: Double = 20

        @Option(help: "Seconds each request's result is awaited (station.result_timeout after that).")
        var wait: Double = 30

        @Option(help: "Seconds the fleet may take to become ready; stations not ready by then send nothing.")
        var readyTimeout: Double = 120

        @Option(help: "Share of requests drawn from the invalid samples (0 to 1).")
        var invalidShare: Double = 0.15

        @Option(help: "Most requests awaiting their result at once; beyond it a request is not sent and counts as load.in_flight_limit.")
        var maxInFlight: Int = 20_000

        @Option(help: "Seed of the draw (stations, services, valid or invalid).")
        var seed: UInt64 = 2025

        @Flag(inversion: .prefixedNo, help: "Before the measured traffic, each station sends one read-only request and awaits it (reported with the start-up).")
        var warmUp = true

        @Flag(help: "One Kafka link (producer and reply reader) per station, as kiosks have; by default the fleet shares one, as a gateway would.")
        var linkPerStation = false

        @Option(help: "Station key file (the workers' DCS_STATION_KEYS format): each station signs with its own key; stations without one send unsigned. Without it, every request is unsigned.")
        var keyFile: String?

        @Option(help: "Field encryption key file (env DCS_FIELD_KEYS): stations encrypt the sensitive fields.")
        var fieldKeys: String?

        @Option(help: "Write the report as JSON to this file.")
        var json: String?

        @Option(help: "Only write demo keys for the --stations fleet to DIR (station-keys.json, field-keys.json), for workers and this command, and exit.")
        var issueKeys: String?

        func validate() throws {
            guard stations > 0 else { throw ValidationError("--stations must be positive") }
            guard rate > 0, rate.isFinite else { throw ValidationError("--rate must be positive") }
            guard duration > 0, duration.isFinite else { throw ValidationError("--duration must be positive") }
            guard wait > 0 else { throw ValidationError("--wait must be positive") }
            guard readyTimeout > 0 else { throw ValidationError("--ready-timeout must be positive") }
            guard (0...1).contains(invalidShare) else { throw ValidationError("--invalid-share must be between 0 and 1") }
            guard maxInFlight > 0 else { throw ValidationError("--max-in-flight must be positive") }
        }

        func run() async throws {
            if let issueKeys {
                try Self.issue(stations: stations, to: URL(fileURLWithPath: issueKeys, isDirectory: true))
                return
            }
            var options = common
            // N clients log N times: the run stays readable unless a level is asked for.
            let quiet = options.logLevel == nil && ProcessInfo.processInfo.environment["DCS_LOG_LEVEL"] == nil
            if quiet { options.logLevel = "warning" }
            let logger = try options.makeLogger(label: "dcs.station.load")
            var stationLogger = Logger(label: "dcs.station")
            if quiet { stationLogger.logLevel = .error }
            let environment = ProcessInfo.processInfo.environment
            let topics = try common.loadCatalogue()
            let services = try common.loadServiceCatalogue()

            var signingKeys: [StationID: StationKey] = [:]
            if let keyFile {
                let registry: StationKeyRegistry
                do { registry = try StationKeyRegistry.load(contentsOf: URL(fileURLWithPath: keyFile)) } catch { throw ValidationError("\(error)") }
                let now = Date()
                for station in Set(registry.keys.values.map(\.stationID)) {
                    signingKeys[station] = registry.signingKey(for: station, at: now)
                }
            }
            var fieldKeyRing: FieldKeyRing?
            if let path = fieldKeys ?? environment[FieldKeyRing.environmentVariable] {
                do { fieldKeyRing = try FieldKeyRing.load(contentsOf: URL(fileURLWithPath: path)) } catch { throw ValidationError("\(error)") }
            }
            let secretText = environment[StationConfiguration.EnvironmentKey.subjectKeySecret].flatMap { $0.isEmpty ? nil : $0 }
            let domains = RequestHandlers()
            let load = StationLoad(
                options: .init(
                    stations: stations, rate: rate, duration: .seconds(duration), resultTimeout: .seconds(wait),
                    readyTimeout: .seconds(readyTimeout), invalidShare: invalidShare, maxInFlight: maxInFlight, seed: seed,
                    warmUp: warmUp, linkPerStation: linkPerStation),
                kafka: try kafka.clientConfiguration(), topics: topics, services: services,
                traffic: Dictionary(uniqueKeysWithValues: ServiceCategory.allCases.map { ($0, domains.sampleTraffic(for: $0)) }),
                subjectKeySecret: SubjectKey.Secret(secretText ?? StationConfiguration.demoSubjectKeySecret),
                signingKeys: signingKeys, fieldKeys: fieldKeyRing,
                logger: logger, stationLogger: stationLogger, progress: { printNow($0) })
            let fleet = load.fleet
            let signing = fleet.filter { signingKeys[$0.id] != nil }.count
            printNow("station load: \(stations) stations in wards \(SimulatedStation.demoWards.map(\.rawValue).joined(separator: ", ")), "
                + "\(signing) signing\(keyFile == nil ? " (no --key-file)" : ""), fields \(fieldKeyRing == nil ? "in clear" : "encrypted"); "
                + String(format: "%g requests/s for %g s, results awaited %g s", rate, duration, wait))
            if secretText == nil { printNow("note: subject keys use the demo secret (set DCS_SUBJECT_KEY_SECRET outside demos)") }
            let report: StationLoadReport
            do {
                report = try await load.run()
            } catch let error as StationError {
                printError("error: \(error)")
                throw ExitCode(1)
            }
            printNow("")
            printNow(report.text)
            if let json {
                try report.jsonData().write(to: URL(fileURLWithPath: json), options: .atomic)
            }
            if report.stationsReady == 0 { throw ExitCode(1) }
        }

        /// Demo keys for the fleet: one signing key per station (its own ward), one field key per category.
        static func issue(stations: Int, to directory: URL) throws {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let stationKeys = directory.appendingPathComponent("station-keys.json")
            let fieldKeys = directory.appendingPathComponent("field-keys.json")
            try SimulatedStation.keys(for: SimulatedStation.fleet(count: stations)).jsonData().write(to: stationKeys, options: .atomic)
            let ring = FieldKeyRing.generate(suffix: "load")
            let entries: [JSONValue] = ring.keys.map { key in
                .object([
                    "key_id": .string(key.keyID), "category": .string(key.category.rawValue),
                    "secret_base64": .string(Data(key.secret).base64EncodedString()), "current": .bool(key.isCurrent),
                ])
            }
            try JSONValue.object(["keys": .array(entries)]).jsonData(prettyPrinted: true).write(to: fieldKeys, options: .atomic)
            for url in [stationKeys, fieldKeys] {
                try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
            }
            printNow("station keys (\(stations) stations): \(stationKeys.path)")
            printNow("field keys (5 categories):      \(fieldKeys.path)")
        }
    }
}
