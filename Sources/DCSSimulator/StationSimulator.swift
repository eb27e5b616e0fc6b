import DCSCatalogue
import DCSDomain
import DCSKafka
import DCSMessages
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Plays the stations of `dcs up`: sends a realistic mix of requests for every service at a steady rate,
/// collects results and dead letters, and summarises the run.
///
/// With a ``StationFleet`` (as `dcs up` runs it), requests leave the way a kiosk's do: through the
/// station library (outbox, subject key, field encryption, signature at publication, its own reply
/// partition), and at the end every answer is looked up in the submitting station's outbox. What
/// the library never produces is published by the simulator itself, signed as its station would:
/// broken envelopes (a faulty kiosk) and resends of an outbox row's exact bytes (what the sender
/// does after an ambiguous delivery failure). Without a fleet (the benchmark) the simulator
/// publishes every request itself. Either way a reader of its own audits every result and dead
/// letter, so a duplicate or a missing outcome cannot hide behind the library's deduplication.
///
/// A `Service` that finishes on its own: run it with `successTerminationBehavior:
/// .gracefullyShutdownGroup` so the fleet stops when the simulation is over.
public final class StationSimulator: Service, Sendable {
    public let configuration: SimulationConfiguration
    public let collector = OutcomeCollector()
    private let catalogue: TopicCatalogue
    private let kafka: KafkaClientConfiguration
    private let traffic: [ServiceCategory: any SampleTraffic]
    private let keySecret: SubjectKey.Secret
    private let stationKeys: StationKeyRegistry?
    private let fieldCipher: FieldCipher?
    private let fleet: StationFleet?
    private let logger: Logger
    private let progress: (@Sendable (SimulationProgress) -> Void)?
    private let waitUntilReady: (@Sendable () async -> Void)?
    private let afterTraffic: (@Sendable (OutcomeCollector) async -> Void)?

    /// - Parameters:
    ///   - waitUntilReady: awaited before traffic starts (e.g. workers joined their group), so
    ///     latency figures describe the running fleet, not its start-up.
    ///   - afterTraffic: run once every request has an outcome, while results are still read (the
    ///     outage scenario replays its dead letters there).
    ///   - fleet: the stations as library clients (their services run in the same group, before
    ///     this one); `nil` publishes every request directly.
    public init(
        configuration: SimulationConfiguration, catalogue: TopicCatalogue, kafka: KafkaClientConfiguration,
        traffic: [ServiceCategory: any SampleTraffic], keySecret: SubjectKey.Secret, stationKeys: StationKeyRegistry? = nil, fieldCipher: FieldCipher? = nil,
        fleet: StationFleet? = nil, logger: Logger,
        waitUntilReady: (@Sendable () async -> Void)? = nil,
        afterTraffic: (@Sendable (OutcomeCollector) async -> Void)? = nil,
        progress: (@Sendable (SimulationProgress) -> Void)? = nil
    ) {
        self.afterTraffic = afterTraffic
        self.waitUntilReady = waitUntilReady
        self.configuration = configuration
        self.catalogue = catalogue
        self.kafka = kafka
        self.traffic = traffic
        self.keySecret = keySecret
        self.stationKeys = stationKeys
        self.fieldCipher = fieldCipher
        self.fleet = fleet
        self.logger = logger
        self.progress = progress
    }

    public func run() async throws {
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(client: kafka, linger: .milliseconds(2)), logger: logger)
        let topics = [catalogue.resultsTopic.name] + ServiceCategory.allCases.map { catalogue.deadLetterTopic(for: $0).name }
        let reader = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(client: kafka, groupID: "dcs.simulator.\(UUID().uuidString.prefix(8))", topics: topics),
            logger: logger
        )
        let collector = self.collector
        let resultsTopic = catalogue.resultsTopic.name
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await producer.run() }
            group.addTask { try await reader.run() }
            group.addTask {
                for await event in reader.events {
                    guard case .message(let message) = event else { continue }
                    if message.topic == resultsTopic {
                        if let result = try? ResultEnvelope.decode(message.value) { collector.received(result) }
                    } else if let record = try? DeadLetterRecord.decode(message.value) {
                        collector.received(record)
                    }
                }
            }
            await waitUntilReady?()
            // Results read from the start of the run would still arrive, but late: join first.
            let joinDeadline = ContinuousClock.now + .seconds(30)
            while ((try? reader.assignment()) ?? []).isEmpty, ContinuousClock.now < joinDeadline {
                try? await Task.sleep(for: .milliseconds(20))
            }
            // A station's producer is long-lived: acknowledged warm-up requests (not counted) keep the
            // producers' start-up (metadata, producer id, each topic's first batch) out of the figures.
            _ = try? await producer.send(signed(makeGenerator().warmUp(now: Date())))
            if let fleet { await warmUp(fleet) }
            let start = ContinuousClock.now
            try? await cancelWhenGracefulShutdown { [self] in
                try await sendTraffic(producer: producer, start: start)
                await awaitOutcomes(start: start)
                // Still reading results: what happens next (a replay) brings final answers.
                await afterTraffic?(collector)
                if let fleet { await checkStations(fleet) }
            }
            reader.triggerShutdown()
            group.cancelAll()
            try await group.waitForAll()
        }
    }

    /// The traffic of the run: every category given, in catalogue order, to its request topic.
    private func makeGenerator() -> TrafficGenerator {
        let sources = ServiceCategory.allCases.compactMap { category in
            traffic[category].map { TrafficGenerator.Source(category: category, traffic: $0, requestTopic: catalogue.requestTopic(for: category).name) }
        }
        return TrafficGenerator(stations: SimulatedStation.fleet(count: configuration.stations), sources: sources,
                                seed: configuration.seed, keySecret: keySecret, fieldCipher: fieldCipher)
    }

    private func sendTraffic(producer: KafkaProducer, start: ContinuousClock.Instant) async throws {
        var generator = makeGenerator()
        let tick: Duration = .milliseconds(10)
        let end = start + configuration.duration
        var due = 0.0
        var nextReport = start + .seconds(1)
        var deadline = start
        while ContinuousClock.now < end {
            deadline += tick
            due += configuration.rate * 0.010
            while due >= 1 {
                due -= 1
                try await send(generator.next(now: Date()), producer: producer)
            }
            if ContinuousClock.now >= nextReport {
                report(start: start, sending: true)
                nextReport += .seconds(1)
            }
            try await Task.sleep(until: deadline, clock: .continuous)
        }
        report(start: start, sending: true)
    }

    /// Generator correlation -> request id given by the station library, for resends.
    private let libraryIDs = LibraryIDs()

    private func send(_ planned: PlannedRequest, producer: KafkaProducer) async throws {
        guard let fleet, let submission = planned.submission else {
            collector.sent(planned)
            // Signed as it is published, like a station's outbox sender: a resend gets a new nonce.
            try await producer.enqueue(signed(planned.message)) { _ in }
            return
        }
        if planned.isResend {
            // The outbox row's own bytes again; nothing to resend if the library refused the original.
            guard let id = libraryIDs[planned.correlation], let message = fleet.republication(of: id, by: submission.station) else { return }
            collector.sent(planned.correlated(id.lowercasedString))
            try await producer.enqueue(message) { _ in }
            return
        }
        do {
            let id = try await fleet.submit(submission)
            libraryIDs[planned.correlation] = id
            collector.sent(planned.correlated(id.lowercasedString))
        } catch {
            collector.sent(planned)
            collector.refusedAtStation(planned.correlation, code: error.code.rawValue)
        }
    }

    /// Each station's library keeps its answers: after the run, every answer the results topic
    /// carried must be in the outbox of the station that asked, with the same status. Stations
    /// read their partitions on their own schedule, so they get a few seconds to catch up.
    private func checkStations(_ fleet: StationFleet) async {
        let all = collector.answersOwedToStations()
        var owed = all
        let deadline = ContinuousClock.now + .seconds(15)
        while true {
            owed = owed.filter { fleet.storedStatus(of: $0.requestID, at: $0.station) != $0.status }
            if owed.isEmpty || ContinuousClock.now >= deadline { break }
            try? await Task.sleep(for: .milliseconds(100))
        }
        collector.stationDelivery(delivered: all.count - owed.count, notDelivered: owed.count)
        if !owed.isEmpty {
            logger.error("Answers missing from their stations' outboxes", metadata: ["count": "\(owed.count)"])
        }
    }

    /// One request per category through the fleet's first station, awaited: the shared link's
    /// producer learns each request topic before the measured traffic.
    private func warmUp(_ fleet: StationFleet) async {
        guard await fleet.waitUntilReady() == fleet.clients.count else {
            logger.warning("Not every simulated station became ready; their requests wait in their outboxes")
            return
        }
        for submission in makeGenerator().warmUpSubmissions(now: Date()) {
            _ = await fleet.answer(to: submission, timeout: .seconds(30))
        }
    }

    /// The message with its station's signature, when the run has station keys.
    private func signed(_ message: KafkaProducerMessage) -> KafkaProducerMessage {
        guard let stationKeys,
              let station = message.headers.last(named: MessageHeaderName.stationID)?.stringValue.flatMap(StationID.init(rawValue:)),
              let key = stationKeys.signingKey(for: station)
        else { return message }
        var signed = message
        signed.headers += RequestSignature.sign(message.value, stationID: station, key: key).headers.map { KafkaHeader(key: $0.0, string: $0.1) }
        return signed
    }

    /// Waits until every request has an outcome, or the drain timeout.
    private func awaitOutcomes(start: ContinuousClock.Instant) async {
        let deadline = ContinuousClock.now + configuration.drainTimeout
        var nextReport = ContinuousClock.now + .seconds(1)
        while !collector.isComplete, ContinuousClock.now < deadline {
            // Outcomes arrive on the reader task; a short poll keeps this loop simple and bounded.
            try? await Task.sleep(for: .milliseconds(50))
            if ContinuousClock.now >= nextReport {
                report(start: start, sending: false)
                nextReport += .seconds(1)
            }
        }
        report(start: start, sending: false)
    }

    private func report(start: ContinuousClock.Instant, sending: Bool) {
        progress?(SimulationProgress(elapsed: ContinuousClock.now - start, sent: collector.sentCount, answered: collector.answeredCount, sending: sending))
    }
}

/// Request ids the station library gave, by the generator's correlation (a resend names the
/// generator's). Only recent ones are kept: the generator resends from its last 200 requests.
/// Thread-safe: written by the sending loop, read by resends of the same loop.
private final class LibraryIDs: Sendable {
    private struct Recent {
        var ids: [String: UUID] = [:]
        var order: [String] = []
    }

    private static let kept = 2_000
    private let recent = Mutex(Recent())

    subscript(correlation: String) -> UUID? {
        get { recent.withLock { $0.ids[correlation] } }
        set {
            recent.withLock { recent in
                recent.ids[correlation] = newValue
                recent.order.append(correlation)
                if recent.order.count > Self.kept {
                    for old in recent.order.prefix(Self.kept / 2) { recent.ids[old] = nil }
                    recent.order.removeFirst(Self.kept / 2)
                }
            }
        }
    }
}
