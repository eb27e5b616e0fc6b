import DCSKafka
import DCSMessages
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// The Kafka side of one or more stations in a process: one idempotent producer for their
/// requests and one reader for their reply partitions.
///
/// A kiosk runs one station, and its ``StationClient`` creates and runs its own link. A process
/// that serves many stations (a ward gateway, `dcs station load`, `dcs up`) creates one link, runs
/// it in its `ServiceGroup` *before* the clients (so it stops after them), and gives it to every
/// client: two Kafka clients in all, instead of two per station with their threads and connections.
///
/// The reader has manual membership: it reads exactly the reply partitions of the attached
/// stations, with no consumer group, no join and no rebalance. Each partition is read from the
/// oldest position any of its stations still needs (positions live in the stations' SQLite stores);
/// a station attaching with an older position moves its partition back, and the others recognise
/// what they already have. Records are handed to the station their `dcs-station-id` header names
/// (the envelope when a record has no header); every station of a partition hears, at most once a
/// ``StationLinkConfiguration/positionSaveInterval``, how far the partition has been read, so a
/// station whose neighbours are busy still saves its position.
public final class StationLink: Service, Sendable {
    private struct Inbox {
        var token: UInt64
        var partition: Int32
        var continuation: AsyncStream<ReplyEvent>.Continuation
    }

    private struct Routes {
        var inboxes: [String: Inbox] = [:]
        /// Offset after the last record handed out, and when the partition's stations last heard it.
        var read: [Int32: (next: Int64, told: ContinuousClock.Instant)] = [:]
        var closed = false
        var lastToken: UInt64 = 0
    }

    /// The configuration in force.
    public let configuration: StationLinkConfiguration
    let producer: KafkaProducer
    private let reader: KafkaConsumer
    private let routes = Mutex(Routes())
    /// End-of-partition queries in flight, by reply partition.
    private let endQueries = Mutex<[Int32: Task<Result<Int64, KafkaError>, Never>]>([:])
    private let logger: Logger

    /// Creates the producer and the reader. librdkafka starts connecting at once, but nothing is
    /// read, sent or handed to a station before ``run()``.
    ///
    /// - Throws: `station.kafka` when librdkafka refuses the configuration.
    public init(configuration: StationLinkConfiguration, logger: Logger) throws(StationError) {
        self.configuration = configuration
        self.logger = logger
        do {
            producer = try KafkaProducer(configuration: configuration.producer, logger: logger)
            reader = try KafkaConsumer(configuration: configuration.reader, logger: logger)
        } catch {
            throw StationError(code: .kafka, message: "cannot create the station link's Kafka clients: \(error)")
        }
    }

    /// Runs the producer and the reader and hands out results until graceful shutdown or
    /// cancellation; then every attached station's events end.
    public func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await self.producer.run() }
            group.addTask { try? await self.reader.run() }
            await withTaskCancellationHandler {
                await self.dispatch()
            } onCancel: {
                self.reader.triggerShutdown()
            }
            await group.waitForAll()
        }
    }

    /// Stops the link: the reader closes, the producer flushes what is in flight and closes, and
    /// every attached station's events end. Stop the stations' senders first.
    public func triggerShutdown() {
        reader.triggerShutdown()
        producer.triggerShutdown()
    }

    /// Stations attached now.
    public var attachedCount: Int { routes.withLock { $0.inboxes.count } }

    // MARK: stations

    /// Starts handing `station`'s results to the returned events, from its saved position, or
    /// from the end of its reply partition when it has none (a first start, which needs the
    /// cluster: `station.kafka` when it cannot be reached).
    ///
    /// - Throws: `station.already_running` when a client of the same station is attached,
    ///   `station.shut_down` when the link stopped, `station.kafka`.
    func attach(_ station: StationID, replyPartition: Int32, from saved: Int64?) async throws(StationError) -> ReplySubscription {
        let partition = KafkaTopicPartition(topic: configuration.resultsTopic, partition: replyPartition)
        let start: Int64
        if let saved {
            start = saved
        } else {
            switch await end(of: partition) {
            case .success(let end): start = end
            case .failure(let error):
                throw StationError(code: .kafka, message: "cannot learn where reply partition \(replyPartition) ends: \(error.code.rawValue)")
            }
        }
        let (events, continuation) = AsyncStream.makeStream(of: ReplyEvent.self)
        let registered = routes.withLock { routes -> Result<UInt64, StationError> in
            if routes.closed { return .failure(StationError(code: .shutDown, message: "the station link has stopped")) }
            guard routes.inboxes[station.rawValue] == nil else {
                return .failure(StationError(code: .alreadyRunning, message: "a client of station \(station.rawValue) is already attached to this link"))
            }
            routes.lastToken += 1
            routes.inboxes[station.rawValue] = Inbox(token: routes.lastToken, partition: replyPartition, continuation: continuation)
            return .success(routes.lastToken)
        }
        let token = try registered.get()
        // Registered first: whatever the reader hands out from now on reaches this station, and
        // whatever it handed out from a saved position on before is read again. A fresh station
        // has nothing before the end it was given, so it never moves its neighbours back.
        do {
            try await reader.read(
                from: [KafkaTopicPartitionOffset(topic: partition.topic, partition: replyPartition, offset: start)], rewind: saved != nil)
        } catch {
            detach(station, token: token)
            throw StationError(code: error.code == .shutDown ? .shutDown : .kafka, message: "cannot read reply partition \(replyPartition): \(error.code.rawValue)")
        }
        logger.debug("Station attached", metadata: [
            "station.id": "\(station.rawValue)", "reply.partition": "\(replyPartition)", "kafka.offset": "\(start)",
        ])
        return ReplySubscription(token: token, start: start, events: events)
    }

    /// Where `partition` ends, asked once for all the fresh stations attaching at the same time (a
    /// gateway starting 2,000 new kiosks asks at most once per partition at a time, not 2,000
    /// times). An end learned a moment before a station attached is safe: it lies before anything
    /// the station sends, so it only makes the station skip a few more of its neighbours' records.
    private func end(of partition: KafkaTopicPartition) async -> Result<Int64, KafkaError> {
        let reader = self.reader
        let timeout = configuration.positionQueryTimeout
        let query = endQueries.withLock { queries in
            if let running = queries[partition.partition] { return running }
            // Unstructured on purpose: it outlives any one attaching station, which may be cancelled.
            let query = Task { () async -> Result<Int64, KafkaError> in
                do throws(KafkaError) { return .success(try await reader.highWatermark(for: partition, timeout: timeout)) } catch { return .failure(error) }
            }
            queries[partition.partition] = query
            return query
        }
        let result = await query.value
        endQueries.withLock { queries in
            if queries[partition.partition] == query { queries[partition.partition] = nil }
        }
        return result
    }

    /// Ends the events of `station`'s attachment `token` (a later attachment of the same station
    /// is left alone); its partition goes on being read for the others.
    func detach(_ station: StationID, token: UInt64) {
        let inbox = routes.withLock { routes -> Inbox? in
            guard routes.inboxes[station.rawValue]?.token == token else { return nil }
            return routes.inboxes.removeValue(forKey: station.rawValue)
        }
        inbox?.continuation.finish()
    }

    // MARK: dispatch

    private func dispatch() async {
        for await event in reader.events {
            switch event {
            case .message(let message):
                route(message)
            case .error(let error):
                logger.debug("Reply reader error", metadata: ["kafka.error": "\(error.code.rawValue)"])
            case .rebalance:
                continue  // Manual readers have no group, hence no rebalance.
            }
        }
        let (inboxes, read) = routes.withLock { routes in
            routes.closed = true
            defer { routes.inboxes = [:] }
            return (routes.inboxes, routes.read)
        }
        for inbox in inboxes.values {
            if let next = read[inbox.partition]?.next { inbox.continuation.yield(.passed(next: next)) }
            inbox.continuation.finish()
        }
    }

    private func route(_ message: KafkaConsumerMessage) {
        let station = message.headers.last(named: MessageHeaderName.stationID)?.stringValue
            ?? (try? ResultEnvelope.decode(message.value))?.stationID.rawValue
        if station == nil {
            logger.warning("Unreadable record on a reply partition skipped", metadata: [
                "reply.partition": "\(message.partition)", "kafka.offset": "\(message.offset)",
            ])
        }
        let now = ContinuousClock.now
        let interval = configuration.positionSaveInterval
        routes.withLock { routes in
            if let station, let inbox = routes.inboxes[station], inbox.partition == message.partition {
                inbox.continuation.yield(.record(message))
            }
            let next = message.offset + 1
            let told = routes.read[message.partition]?.told ?? now
            guard now - told >= interval else {
                routes.read[message.partition] = (next, told)
                return
            }
            routes.read[message.partition] = (next, now)
            for inbox in routes.inboxes.values where inbox.partition == message.partition {
                inbox.continuation.yield(.passed(next: next))
            }
        }
    }
}
