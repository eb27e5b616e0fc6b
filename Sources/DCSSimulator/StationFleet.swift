import DCSCatalogue
import DCSKafka
import DCSMessages
import DCSSchema
import DCSStation
import Foundation
import Logging
import ServiceLifecycle

/// The simulated stations as real station-library clients: one ``StationClient`` per station
/// (outbox in memory, signing key and field keys of its own), all on one shared ``StationLink``,
/// as a ward gateway would run them.
///
/// Put ``services`` in the `ServiceGroup` before the ``StationSimulator`` that uses the fleet, so
/// the simulator stops first, then the clients, then the link.
public final class StationFleet: Sendable {
    public let link: StationLink
    /// The clients, in fleet order.
    public let clients: [StationClient]
    private let byStation: [StationID: StationClient]

    /// - Parameters:
    ///   - stationKeys: each station signs with its key from this registry; `nil` sends unsigned.
    ///   - fieldKeys: stations encrypt sensitive fields with these; `nil` sends them in clear.
    /// - Throws: ``StationError`` when a client cannot be created.
    public init(
        stations: [SimulatedStation], kafka: KafkaClientConfiguration, topics: TopicCatalogue, services: ServiceCatalogue,
        subjectKeySecret: SubjectKey.Secret, stationKeys: StationKeyRegistry?, fieldKeys: FieldKeyRing?, logger: Logger
    ) throws(StationError) {
        link = try StationLink(
            configuration: StationLinkConfiguration(kafka: kafka, clientID: "dcs-simulated-stations", topics: topics), logger: logger)
        var clients: [StationClient] = []
        for station in stations {
            let configuration = StationConfiguration(
                stationID: station.id, wardCode: station.ward, kafka: kafka, outbox: .inMemory, subjectKeySecret: subjectKeySecret,
                signingKey: stationKeys?.signingKey(for: station.id), fieldKeys: fieldKeys)
            clients.append(try StationClient(configuration: configuration, topics: topics, services: services, link: link, logger: logger))
        }
        self.clients = clients
        byStation = Dictionary(uniqueKeysWithValues: clients.map { ($0.configuration.stationID, $0) })
    }

    /// The link, then every client.
    public var services: [any Service] { [link] + clients }

    /// Waits until every client can send; returns how many can.
    public func waitUntilReady() async -> Int {
        await withTaskGroup(of: Bool.self) { group in
            for client in clients { group.addTask { await client.waitUntilReady() } }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
    }

    /// Submits a request through its station's library (outbox, subject key, encryption; the
    /// signature is added when the sender publishes it).
    func submit(_ submission: PlannedRequest.Submission) async throws(StationError) -> UUID {
        guard let client = byStation[submission.station] else {
            throw StationError(code: .invalidConfiguration, message: "station \(submission.station.rawValue) is not in the fleet")
        }
        return try await client.submit(serviceID: submission.serviceID, payload: submission.payload)
    }

    /// The record a station's sender publishes for an outbox row, signed afresh: what goes out
    /// again after an ambiguous delivery failure (same request id, same bytes, a new nonce).
    func republication(of requestID: UUID, by station: StationID) -> KafkaProducerMessage? {
        guard let client = byStation[station], let entry = try? client.store.entry(for: requestID) else { return nil }
        return entry.message(signedWith: client.configuration.signingKey)
    }

    /// What the station stored as the answer to its request.
    func storedStatus(of requestID: UUID, at station: StationID) -> String? {
        (try? byStation[station]?.store.result(for: requestID))??.status.rawValue
    }

    /// Awaits one answer through the library; `nil` on a timeout or another error.
    func answer(to submission: PlannedRequest.Submission, timeout: Duration) async -> ResultEnvelope? {
        guard let client = byStation[submission.station], let id = try? await submit(submission) else { return nil }
        return try? await client.result(for: id, timeout: timeout)
    }
}
