import DCSCatalogue
import DCSKafka
import DCSMessages
import DCSSchema
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// The library a kiosk links to talk to the back end: submit a citizen's request, get its result.
///
/// - ``submit(serviceID:payload:)`` writes the request to the local SQLite outbox first (the
///   request id is assigned there, once) and returns its id; nothing is sent yet.
/// - While the client runs (it is a `Service`: put it in the application's `ServiceGroup`), a
///   sender loop publishes waiting outbox rows in order with the idempotent producer and marks
///   each sent when the broker acknowledges it. When the cluster is unreachable the rows wait and
///   go out, in order, once it is back; after an ambiguous failure the same bytes are sent again.
/// - A receiver reads only this station's reply partition of `dcs.results` (see
///   ``ReplyPartition``) through the ``StationLink``, keeps this station's results (matched by
///   station id, then request id), stores each with the position after it, and wakes whoever
///   waits in ``result(for:timeout:)``. A result that arrives while nobody waits stays in the store.
///
/// Reply routing: the link's reader has no consumer group: it reads the reply partition from the
/// position saved in SQLite (offsets are never committed to Kafka), so there is no join, no
/// rebalance and nothing for a coordinator to hold per station. A station with a saved position
/// sends at once; a fresh station starts at the end of the partition and sends nothing until that
/// position is known and saved.
///
/// A kiosk creates the client with ``init(configuration:services:store:logger:)``, which makes and
/// runs the station's own link. A process serving many stations shares one link:
/// ``init(configuration:services:link:store:logger:)``, with the link earlier in the same
/// `ServiceGroup`.
public final class StationClient: Service, Sendable {
    /// The configuration in force (validated).
    public let configuration: StationConfiguration
    /// The station's local database.
    public let store: StationStore
    /// The partition of the results topic this station reads.
    public let replyPartition: Int

    let subjects: SubjectResolver
    let link: StationLink
    /// The client made its link and runs it.
    let ownsLink: Bool
    let waiters = ResultWaiters()
    let signal = OutboxSignal()
    /// Wakes the receiver's pauses between attempts to attach (a first start with the cluster away).
    let attachRetry = OutboxSignal()
    /// Wakes the purge loop when the client stops.
    let housekeeping = OutboxSignal()
    /// The receiver's attachment to the link, once it has one.
    let attachment = Mutex<UInt64?>(nil)
    /// Why the receiver gave up, when it did (``run()`` throws it).
    let receiverFailure = Mutex<StationError?>(nil)
    let ready = ReadyLatch()
    let stopped = Atomic<Bool>(false)
    let logger: Logger

    /// Creates the client of a kiosk, with its own ``StationLink``, and opens its outbox.
    ///
    /// - Parameters:
    ///   - services: the service catalogue (`topics/services/`): which field keys each service.
    ///   - store: an already opened store; default: the one ``StationConfiguration/outbox`` names.
    /// - Throws: ``StationError`` with `station.invalid_configuration`, `station.storage` or `station.kafka`.
    public convenience init(
        configuration: StationConfiguration, services: ServiceCatalogue, store: StationStore? = nil, logger: Logger
    ) throws(StationError) {
        try configuration.validate()
        let link = try StationLink(configuration: StationLinkConfiguration(station: configuration), logger: logger)
        try self.init(configuration: configuration, services: services, link: link, ownsLink: true, store: store, logger: logger)
    }

    /// Creates the client of one of the stations a process serves, on the process's shared link;
    /// the link must run (in the same `ServiceGroup`, before the clients) and read the same
    /// results topic.
    ///
    /// - Throws: ``StationError`` with `station.invalid_configuration` or `station.storage`.
    public convenience init(
        configuration: StationConfiguration, services: ServiceCatalogue, link: StationLink, store: StationStore? = nil, logger: Logger
    ) throws(StationError) {
        guard link.configuration.resultsTopic == configuration.resultsTopic else {
            throw StationError(code: .invalidConfiguration, message: "the station link reads \(link.configuration.resultsTopic), the station expects its results on \(configuration.resultsTopic)")
        }
        try self.init(configuration: configuration, services: services, link: link, ownsLink: false, store: store, logger: logger)
    }

    private init(
        configuration: StationConfiguration, services: ServiceCatalogue, link: StationLink, ownsLink: Bool, store: StationStore?, logger: Logger
    ) throws(StationError) {
        try configuration.validate()
        self.configuration = configuration
        self.subjects = SubjectResolver(services: services)
        if let store { self.store = store } else { self.store = try StationStore.open(configuration.outbox) }
        self.replyPartition = configuration.replyPartition
        self.link = link
        self.ownsLink = ownsLink
        var logger = logger
        logger[metadataKey: "station.id"] = "\(configuration.stationID.rawValue)"
        self.logger = logger
    }

    /// Convenience: the configuration's topic names and partition count from the topic catalogue.
    public convenience init(
        configuration: StationConfiguration, topics: TopicCatalogue, services: ServiceCatalogue, store: StationStore? = nil, logger: Logger
    ) throws(StationError) {
        try self.init(configuration: configuration.applying(topics), services: services, store: store, logger: logger)
    }

    /// Convenience: a shared link, and the topic names and partition count from the topic catalogue.
    public convenience init(
        configuration: StationConfiguration, topics: TopicCatalogue, services: ServiceCatalogue, link: StationLink,
        store: StationStore? = nil, logger: Logger
    ) throws(StationError) {
        try self.init(configuration: configuration.applying(topics), services: services, link: link, store: store, logger: logger)
    }

    /// Records a citizen's request in the outbox and returns its request id; the sender loop
    /// publishes it (now, or when the cluster is reachable again).
    ///
    /// The Kafka key is the ``SubjectKey`` of the payload field the service catalogue names (see
    /// ``SubjectResolver``); the envelope names this station's ``replyPartition``.
    ///
    /// - Throws: `station.unknown_service`, `station.missing_subject`, `station.invalid_payload`,
    ///   `station.storage`.
    @discardableResult
    public func submit(serviceID: String, payload: [String: JSONValue]) async throws(StationError) -> UUID {
        let spec = try subjects.spec(serviceID)
        let subject = try subjects.subject(for: spec, payload: payload, ward: configuration.wardCode)
        let now = Date()
        var request = RequestEnvelope(
            requestID: .timeOrdered(at: now), stationID: configuration.stationID, wardCode: configuration.wardCode, serviceID: spec.id,
            submittedAt: now, payload: payload, replyPartition: replyPartition)
        if let keys = configuration.fieldKeys {
            do {
                request.payload = try FieldCipher(keys: keys).encrypt(payload, category: spec.category, requestID: request.requestID)
            } catch {
                throw StationError(code: .invalidConfiguration, message: "cannot encrypt the sensitive fields: \(error.code.rawValue)", requestID: request.requestID)
            }
        }
        let value: Data
        do {
            value = try request.encoded()
        } catch {
            throw StationError(code: .invalidPayload, message: "cannot encode the request: \(error.code.rawValue)", requestID: request.requestID)
        }
        let entry = try await store.append(
            requestID: request.requestID, stationID: configuration.stationID, serviceID: spec.id,
            topic: configuration.requestTopic(for: spec.category),
            key: SubjectKey(subject: subject, secret: configuration.subjectKeySecret).rawValue,
            value: value, traceparent: TraceParent.random().headerValue, createdAt: now)
        logger.debug("Request saved to the outbox", metadata: [
            "request.id": "\(entry.requestID.lowercasedString)", "service.id": "\(spec.id.rawValue)", "outbox.seq": "\(entry.sequence)",
        ])
        signal.notify()
        return entry.requestID
    }

    /// Waits for the result of a request submitted here: at once when it is already stored.
    ///
    /// - Parameter timeout: default ``StationConfiguration/resultTimeout``.
    /// - Throws: `station.result_timeout` (the request stays in the outbox and its result will
    ///   still be stored), `station.unknown_request`, `station.shut_down`, `station.storage`.
    public func result(for requestID: UUID, timeout: Duration? = nil) async throws(StationError) -> ResultEnvelope {
        try opened(try await storedOrAwaitedResult(for: requestID, timeout: timeout))
    }

    /// The result with its encrypted fields (e.g. a VietQR payload) opened for the kiosk; the
    /// outbox database keeps them sealed.
    private func opened(_ result: ResultEnvelope) throws(StationError) -> ResultEnvelope {
        guard let keys = configuration.fieldKeys, let data = result.data else { return result }
        do {
            let clear = try FieldCipher(keys: keys).decrypt(data, category: result.serviceID.category, requestID: result.requestID, requireEncrypted: false)
            return try ResultEnvelope(
                requestID: result.requestID, stationID: result.stationID, wardCode: result.wardCode, serviceID: result.serviceID,
                status: result.status, error: result.error, data: clear, processedAt: result.processedAt, schemaVersion: result.schemaVersion)
        } catch let error as FieldCipherError {
            throw StationError(code: .invalidConfiguration, message: "cannot open the result's encrypted fields: \(error.code.rawValue)", requestID: result.requestID)
        } catch {
            throw StationError(code: .invalidPayload, message: "cannot rebuild the result: \(error)", requestID: result.requestID)
        }
    }

    private func storedOrAwaitedResult(for requestID: UUID, timeout: Duration?) async throws(StationError) -> ResultEnvelope {
        let token = waiters.register(requestID)
        if let stored = try store.result(for: requestID) {
            waiters.remove(requestID, token: token)
            return stored
        }
        guard try store.entry(for: requestID) != nil else {
            waiters.remove(requestID, token: token)
            throw StationError(code: .unknownRequest, message: "request \(requestID.lowercasedString) was not submitted by this station", requestID: requestID)
        }
        let limit = timeout ?? configuration.resultTimeout
        switch await waiters.wait(requestID, token: token, timeout: limit) {
        case .result(let result):
            return result
        case .timedOut:
            throw StationError(code: .resultTimeout, message: "no result for request \(requestID.lowercasedString) within \(limit)", requestID: requestID)
        case .cancelled:
            throw StationError(code: .shutDown, message: "the wait for request \(requestID.lowercasedString) was cancelled", requestID: requestID)
        case .shutDown:
            // The store may have it after all (stored just before the stop).
            if let stored = try store.result(for: requestID) { return stored }
            throw StationError(code: .shutDown, message: "the station client stopped before request \(requestID.lowercasedString) was answered", requestID: requestID)
        }
    }

    /// Returns once the reply position is known and requests can go out; `false` when the client
    /// stopped first.
    public func waitUntilReady() async -> Bool { await ready.wait() }

    /// Runs the sender and the receiver (and the station's own link, when it has one) until
    /// graceful shutdown or cancellation. Requests still waiting stay in the outbox for the next run.
    ///
    /// - Throws: ``StationError`` when the station cannot read its results at all
    ///   (`station.already_running`, `station.storage`); nothing was sent then.
    public func run() async throws {
        logger.info("Station client starting", metadata: [
            "reply.partition": "\(replyPartition)", "station.link": "\(ownsLink ? "own" : "shared")",
            "outbox.waiting": "\((try? store.waitingCount()) ?? -1)",
        ])
        // A station that has read its reply partition before may send at once: whatever is
        // answered from now on lies past the saved position, where its reading resumes.
        let reply = KafkaTopicPartition(topic: configuration.resultsTopic, partition: Int32(replyPartition))
        if (try? store.replyPosition(topic: reply.topic, partition: reply.partition)) != nil { ready.open() }
        if configuration.usesDemoSubjectKeySecret {
            logger.warning("Subject keys use the demo secret; set DCS_SUBJECT_KEY_SECRET outside demos and tests")
        }
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                await withTaskGroup(of: Void.self) { group in
                    if ownsLink { group.addTask { try? await self.link.run() } }
                    group.addTask { await self.receive() }
                    group.addTask { await self.purgeOldRequests() }
                    group.addTask {
                        await self.send()
                        // The sender stopped (a stop, or a receiver that gave up): nothing more to
                        // send, so the results and the purging can stop too.
                        self.housekeeping.finish()
                        self.stopReceiving()
                    }
                    await group.waitForAll()
                }
            } onCancel: {
                self.stop()
            }
        } onGracefulShutdown: {
            self.stop()
        }
        stopped.store(true, ordering: .releasing)
        ready.close()
        waiters.close()
        logger.info("Station client stopped", metadata: ["outbox.waiting": "\((try? store.waitingCount()) ?? -1)"])
        if let failure = receiverFailure.withLock({ $0 }) { throw failure }
    }

    private func stop() {
        signal.finish()
        housekeeping.finish()
        attachRetry.finish()
        ready.close()
        stopReceiving()
    }

    /// Purges at start and every ``StationConfiguration/purgeInterval`` until the client stops.
    private func purgeOldRequests() async {
        while !housekeeping.isFinished && !Task.isCancelled {
            do {
                let report = try await store.purge(before: Date().addingTimeInterval(-configuration.retention.inSeconds))
                if report != StationStore.PurgeReport(answered: 0, unanswered: 0, orphanResults: 0) {
                    logger.info("Old requests purged from the outbox", metadata: [
                        "purged.answered": "\(report.answered)", "purged.unanswered": "\(report.unanswered)", "purged.results": "\(report.orphanResults)",
                    ])
                }
            } catch {
                logger.warning("Cannot purge the outbox; it keeps growing until the next try", metadata: ["error.code": "\(error.code.rawValue)"])
            }
            await housekeeping.wait(timeout: configuration.purgeInterval)
        }
    }

    /// Ends the receiver: a shared link keeps reading for the other stations. The receiver
    /// checks for a stop right after it attaches, so an attachment made meanwhile ends too.
    func stopReceiving() {
        if ownsLink {
            link.triggerShutdown()
        } else if let token = attachment.withLock({ $0 }) {
            link.detach(configuration.stationID, token: token)
        }
    }
}
