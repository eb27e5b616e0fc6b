import DCSCatalogue
import DCSDomain
import DCSKafka
import DCSMessages
import Foundation
import Logging
import ServiceLifecycle

/// Plays the stations of `dcs up`: sends a realistic mix of requests for every service at a steady rate,
/// collects results and dead letters, and summarises the run.
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
    private let logger: Logger
    private let progress: (@Sendable (SimulationProgress) -> Void)?
    private let waitUntilReady: (@Sendable () async -> Void)?
    private let afterTraffic: (@Sendable (OutcomeCollector) async -> Void)?

    /// - Parameters:
    ///   - waitUntilReady: awaited before traffic starts (e.g. workers joined their group), so
    ///     latency figures describe the running fleet, not its start-up.
    ///   - afterTraffic: run once every request has an outcome, while results are still read (the
    ///     outage scenario replays its dead letters there).
    public init(
        configuration: SimulationConfiguration, catalogue: TopicCatalogue, kafka: KafkaClientConfiguration,
        traffic: [ServiceCategory: any SampleTraffic], keySecret: SubjectKey.Secret, stationKeys: StationKeyRegistry? = nil, fieldCipher: FieldCipher? = nil, logger: Logger,
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
            // A station's producer is long-lived: one acknowledged warm-up request (a bill look-up,
            // not counted) keeps the producer's start-up (metadata, producer id) out of the figures.
            _ = try? await producer.send(signed(makeGenerator().warmUp(now: Date())))
            let start = ContinuousClock.now
            try? await cancelWhenGracefulShutdown { [self] in
                try await sendTraffic(producer: producer, start: start)
                await awaitOutcomes(start: start)
                // Still reading results: what happens next (a replay) brings final answers.
                await afterTraffic?(collector)
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
                let planned = generator.next(now: Date())
                collector.sent(planned)
                // Signed as it is published, like a station's outbox sender: a resend gets a new nonce.
                try await producer.enqueue(signed(planned.message)) { _ in }
            }
            if ContinuousClock.now >= nextReport {
                report(start: start, sending: true)
                nextReport += .seconds(1)
            }
            try await Task.sleep(until: deadline, clock: .continuous)
        }
        report(start: start, sending: true)
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
