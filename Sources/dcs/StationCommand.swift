import ArgumentParser
import DCSKafka
import DCSMessages
import DCSSchema
import DCSStation
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// `dcs station`: play a kiosk through the station library (offline outbox, reply routing).
struct StationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "station",
        abstract: "Play a station: submit a citizen's request through the station library and wait for its result.",
        subcommands: [Submit.self]
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
            logger.info("Request submitted", metadata: ["request.id": "\(id.uuidString.lowercased())", "service.id": "\(service)"])
            do {
                return .success(try await client.result(for: id, timeout: timeout))
            } catch {
                return .failure(error)
            }
        }

        /// The typed error: a JSON object on standard output for scripts, a line on standard error.
        private func fail(_ error: StationError) {
            var object: [String: JSONValue] = ["code": .string(error.code.rawValue), "message": .string(error.message)]
            if let id = error.requestID { object["request_id"] = .string(id.uuidString.lowercased()) }
            printNow(JSONValue.object(["error": .object(object)]).jsonString)
            printError("error: \(error)")
        }
    }
}
