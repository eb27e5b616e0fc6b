import DCSCatalogue
import DCSKafka
import DCSMessages
import DCSSchema
import DCSSimulator
import DCSTopicAdmin
import DCSUtilities
import DCSWorkerRuntime
import DCSWorkers
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// `dcs bench`: in one run on the embedded cluster, (a) a raw librdkafka pass-through (consume ->
/// produce, no processing) as the ceiling, (b) the full utilities pipeline on the same number of
/// messages, (c) end-to-end latency at a fixed offered load below saturation (``LatencyProbe``),
/// and peak memory.
///
/// Message counts stay under the embedded cluster's per-partition retention (about 5 MiB).
public struct Benchmark: Sendable {
    public var messages: Int
    public var latencyDuration: Duration
    /// Offered load of the latency run, requests per second; `nil` for the default, a third of the
    /// measured pipeline rate (at most 5,000).
    public var latencyRate: Double?
    /// Whether requests are signed by their stations and the worker checks the signatures and
    /// runs with field keys, as in production (`dcs up` does both). Default false: the figures the
    /// issue asks for are the pipeline's own.
    public var secured: Bool
    public let catalogue: TopicCatalogue
    public let logger: Logger

    public init(
        catalogue: TopicCatalogue, messages: Int = 60_000, latencyDuration: Duration = .seconds(10), latencyRate: Double? = nil,
        secured: Bool = false, logger: Logger
    ) {
        self.catalogue = catalogue
        self.messages = messages
        self.latencyDuration = latencyDuration
        self.latencyRate = latencyRate
        self.secured = secured
        self.logger = logger
    }

    public func run(progress: @Sendable (String) -> Void = { _ in }) async throws -> BenchReport {
        let cluster = try EmbeddedKafkaCluster(brokers: 1, logger: logger)
        try cluster.createTopics(of: catalogue)
        let kafka = KafkaClientConfiguration(bootstrapServers: cluster.bootstrapServerList)
        // Customers for the throughput run, then fresh ones for the latency run (at most 5,000/s).
        // About one customer in seven owes nothing (every bill paid elsewhere) and is skipped,
        // hence the margin.
        let latencyCapacity = Int(Self.maximumLatencyRate * latencyDuration.inSeconds.rounded(.up))
        let perKind = (messages + latencyCapacity + 2) / 3
        // The anchor is pinned so that the requests prepared here and the worker agree on which
        // bills are due, even across a month's end during the run.
        let anchor = BillingPeriod.containing(Date())
        let utilities = UtilitiesConfiguration(customerCount: min(1_000_000, max(10_000, perKind * 5 / 4 + 100)), billingAnchor: anchor)
        let directory = SyntheticUtilitiesDirectory(configuration: utilities)
        let secret = SubjectKey.Secret("dcs-bench")
        let requestTopic = catalogue.requestTopic(for: .utilities).name
        let stateDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("dcs-bench-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: stateDirectory) }

        // Each simulated station's own key, issued for this run, as `dcs up` does. Requests are
        // signed when prepared; a run stays well inside the 5-minute freshness window.
        let stationKeys = secured ? SimulatedStation.keys(for: SimulatedStation.fleet(count: Self.stationCount)) : nil
        let signing = Self.signingKeys(stationKeys)

        progress("preparing \(messages) payment requests")
        let requests = Self.paymentRequests(
            count: messages, directory: directory, anchor: anchor, secret: secret, topic: requestTopic, signing: signing
        )

        // (a) The ceiling: the same messages consumed and produced again, nothing else.
        let rawIn = "bench.raw.in", rawOut = "bench.raw.out"
        try cluster.createTopic(rawIn, partitions: 12, replicationFactor: 1)
        try cluster.createTopic(rawOut, partitions: 24, replicationFactor: 1)
        try await Self.load(requests.map { KafkaProducerMessage(topic: rawIn, key: $0.key, value: $0.value, headers: $0.headers) }, kafka: kafka, logger: logger)
        progress("raw pass-through")
        let (rawRate, rawCPU) = try await rawPassThrough(from: rawIn, to: rawOut, kafka: kafka)

        // (b) The full pipeline on the same number of requests.
        try await Self.load(requests, kafka: kafka, logger: logger)
        progress("utilities pipeline")
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(client: kafka), logger: logger)
        let completion = CompletionObserver(target: messages)
        let worker = try Worker(
            configuration: WorkerConfiguration(
                category: .utilities, stateDirectory: stateDirectory, instanceID: "bench",
                authenticator: stationKeys.map { RequestAuthenticator(registry: $0) },
                fieldCipher: secured ? FieldCipher(keys: FieldKeyRing.generate()) : nil
            ),
            handler: UtilitiesRequestHandler(service: UtilitiesService(configuration: utilities)),
            catalogue: catalogue, kafka: kafka, producer: producer, observer: completion, logger: logger
        )
        var pipelineRate = 0.0
        var missing = 0
        var notCompleted = 0
        var averageBatch = 0.0
        var pipelineCPU = Duration.zero
        var latency = (offered: 0.0, p50: 0.0, p99: 0.0)
        var latencyMissing = 0
        let group = ServiceGroup(configuration: .init(services: [producer] + worker.services, logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            defer { Task { await group.triggerGracefulShutdown() } }
            // The clock starts, as the raw pass-through's does at its first message, once the
            // worker can process: every partition's database opened (on a fresh state directory:
            // created and migrated, tens of milliseconds each, one after the other).
            let partitions = catalogue.requestTopic(for: .utilities).partitions
            _ = await worker.waitForAssignment(partitions: partitions, timeout: .seconds(60))
            let start = ContinuousClock.now
            let cpuAtStart = processCPUTime()
            await completion.waitUntilDone(timeout: .seconds(600))
            try await producer.flush(timeout: .seconds(60))  // results delivered, not just queued
            let elapsed = ContinuousClock.now - start
            pipelineCPU = processCPUTime() - cpuAtStart
            missing = messages - completion.count
            notCompleted = completion.notCompleted
            pipelineRate = Double(completion.count) / elapsed.inSeconds
            let stats = worker.statistics.snapshot
            averageBatch = stats.batches > 0 ? Double(stats.handledCount) / Double(stats.batches) : 0

            // (c) Latency at a third of the measured pipeline rate: below saturation. Half was
            // not: at half load batches are smaller (more commits per request), the probe's own
            // producer and reader share the two cores, and the WAL checkpoints that the
            // throughput run's writes call for come due. At 3,400/s (half of 6,800) the process
            // used 1.6 cores and the p50 was 1.2 s, queueing rather than latency.
            let offered = min(latencyRate ?? max(50, min(pipelineRate / 3, Self.maximumLatencyRate)).rounded(), Self.maximumLatencyRate)
            progress("latency at \(Int(offered)) requests/s for \(Int(latencyDuration.inSeconds)) s")
            let fresh = Self.paymentRequests(
                count: Int(offered * latencyDuration.inSeconds), startingAt: messages, directory: directory, anchor: anchor, secret: secret,
                topic: requestTopic, signing: signing
            )
            let probe = LatencyProbe(
                kafka: kafka, resultsTopic: catalogue.resultsTopic.name, resultPartitions: catalogue.resultsTopic.partitions, logger: logger
            )
            let figures = try await probe.run(
                fresh.map { ($0, UUID(uuidString: $0.headers.first { $0.key == MessageHeaderName.requestID }?.stringValue ?? "") ?? UUID()) },
                rate: offered, drain: .seconds(30)
            )
            latencyMissing = figures.measured - figures.answered
            latency = (offered, figures.p50Milliseconds, figures.p99Milliseconds)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        return BenchReport(
            rawPerSecond: rawRate,
            pipelinePerSecond: pipelineRate,
            ratio: rawRate > 0 ? pipelineRate / rawRate : 0,
            latencyOfferedPerSecond: latency.offered,
            p50Milliseconds: latency.p50,
            p99Milliseconds: latency.p99,
            latencyMissing: latencyMissing,
            peakRSSMegabytes: peakResidentMegabytes(),
            messages: messages,
            pipelineMissing: missing,
            pipelineNotCompleted: notCompleted,
            averageBatchSize: averageBatch,
            rawCPUMicrosPerMessage: Self.micros(rawCPU, per: messages),
            pipelineCPUMicrosPerRequest: Self.micros(pipelineCPU, per: messages),
            secured: secured
        )
    }

    static func micros(_ cpu: Duration, per count: Int) -> Double {
        count > 0 ? cpu.inSeconds * 1e6 / Double(count) : 0
    }

    /// Consumes `source` and produces every message to `target`, with the same consumer and producer
    /// the workers use; returns messages per second from the first message to the last delivery,
    /// and the process CPU time over that span.
    private func rawPassThrough(from source: String, to target: String, kafka: KafkaClientConfiguration) async throws -> (Double, Duration) {
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(client: kafka), logger: logger)
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(client: kafka, groupID: "bench.raw", topics: [source]), logger: logger
        )
        let count = messages
        let group = ServiceGroup(configuration: .init(services: [producer, consumer], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var seen = 0
            var start: ContinuousClock.Instant?
            var cpuAtStart = Duration.zero
            for await event in consumer.events {
                guard case .message(let message) = event else { continue }
                if start == nil { start = .now; cpuAtStart = processCPUTime() }
                try await producer.enqueue(KafkaProducerMessage(topic: target, key: message.key, value: message.value, headers: message.headers)) { _ in }
                try consumer.markDone(message)
                seen += 1
                if seen == count { break }
            }
            try await producer.flush(timeout: .seconds(60))
            let rate = Double(seen) / (ContinuousClock.now - (start ?? .now)).inSeconds
            let cpu = processCPUTime() - cpuAtStart
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return (rate, cpu)
        }
    }

    /// Stations the requests come from.
    static let stationCount = 200

    /// The highest offered load of the latency run, requests per second: the customers prepared
    /// for it are sized by it.
    public static let maximumLatencyRate = 5_000.0

    /// Each station's key in `registry` (one per station, as `SimulatedStation.keys(for:)` issues
    /// them), looked up once rather than per request.
    static func signingKeys(_ registry: StationKeyRegistry?) -> [StationID: StationKey] {
        guard let registry else { return [:] }
        return Dictionary(uniqueKeysWithValues: registry.keys.values.map { ($0.stationID, $0) })
    }

    /// Valid payment requests, each for a distinct customer who owes a bill before `anchor`,
    /// spread over the three utilities; signed by their station's key when `signing` has one.
    ///
    /// Request `i` pays for the `i / 3`-th such customer of its utility, so a run's latency
    /// requests (`startingAt` the throughput run's count) pay for customers not paid for yet.
    /// Customers whose every bill was paid through another channel are skipped: a request for
    /// one of them is answered `bill.nothing_due`, which costs less than a payment and is not
    /// what the pipeline figure claims to measure.
    static func paymentRequests(
        count: Int, startingAt first: Int = 0, directory: SyntheticUtilitiesDirectory, anchor: BillingPeriod,
        secret: SubjectKey.Secret, topic: String, signing: [StationID: StationKey] = [:]
    ) -> [KafkaProducerMessage] {
        let stations = SimulatedStation.fleet(count: stationCount)
        let kinds: [(UtilityKind, String, String)] = [
            (.electricity, "utilities.electricity.pay", "customer_code"),
            (.water, "utilities.water.pay", "customer_number"),
            (.telecom, "utilities.telecom.pay", "phone_number"),
        ]
        let perKind = (first + count + 2) / 3
        let debtors = kinds.map { customersOwing($0.0, count: perKind, directory: directory, anchor: anchor) }
        return (first..<first + count).map { index in
            let (_, service, field) = kinds[index % 3]
            let customer = debtors[index % 3][index / 3]
            let station = stations[index % stations.count]
            let request = RequestEnvelope(
                stationID: station.id, wardCode: station.ward, serviceID: ServiceID(rawValue: service)!,
                payload: [field: .string(customer.reference)]
            )
            let value = (try? request.encoded()) ?? Data()
            var headers = [KafkaHeader(key: MessageHeaderName.requestID, string: request.requestID.lowercasedString)]
            if let key = signing[station.id] {
                headers += RequestSignature.sign(value, stationID: station.id, key: key).headers.map { KafkaHeader(key: $0.0, string: $0.1) }
            }
            return KafkaProducerMessage(
                topic: topic, key: SubjectKey(subject: customer.reference, secret: secret).rawValue, value: value, headers: headers
            )
        }
    }

    /// The first `count` customers of `kind`, in directory order, with a bill still unpaid before
    /// `anchor` when a station first asks.
    static func customersOwing(_ kind: UtilityKind, count: Int, directory: SyntheticUtilitiesDirectory, anchor: BillingPeriod) -> [SyntheticCustomer] {
        var found: [SyntheticCustomer] = []
        found.reserveCapacity(count)
        var index = 0
        while found.count < count {
            precondition(index < directory.customerCount, "the directory has fewer than \(count) \(kind) customers with a bill due")
            let customer = directory.customer(kind, at: index)
            if directory.bills(for: customer, anchor: anchor).contains(where: { !$0.paidElsewhere }) { found.append(customer) }
            index += 1
        }
        return found
    }

    /// Publishes messages before a measurement starts.
    static func load(_ messages: [KafkaProducerMessage], kafka: KafkaClientConfiguration, logger: Logger) async throws {
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(client: kafka, linger: .milliseconds(20)), logger: logger)
        let group = ServiceGroup(configuration: .init(services: [producer], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            for message in messages { try await producer.enqueue(message) { _ in } }
            try await producer.flush(timeout: .seconds(120))
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}

/// Counts handled requests, and those not completed among them, and wakes a waiter when the
/// target is reached.
final class CompletionObserver: WorkerObserver {
    private let target: Int
    private let state = Mutex<(count: Int, notCompleted: Int, waiter: CheckedContinuation<Void, Never>?)>((0, 0, nil))

    init(target: Int) { self.target = target }

    var count: Int { state.withLock { $0.count } }

    /// Handled requests whose answer was not `completed` (a rejection, a review).
    var notCompleted: Int { state.withLock { $0.notCompleted } }

    func processed(_ outcomes: [WorkerOutcome], partition: Int32, applyDuration: Duration) {
        var handled = 0, notCompleted = 0
        for case .handled(let result) in outcomes {
            handled += 1
            if result.status != .completed { notCompleted += 1 }
        }
        let waiter: CheckedContinuation<Void, Never>? = state.withLock { s in
            s.count += handled
            s.notCompleted += notCompleted
            guard s.count >= target, let waiter = s.waiter else { return nil }
            s.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    func waitUntilDone(timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withCheckedContinuation { continuation in
                    let done = self.state.withLock { s -> Bool in
                        if s.count >= self.target { return true }
                        s.waiter = continuation
                        return false
                    }
                    if done { continuation.resume() }
                }
            }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
            let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
                defer { s.waiter = nil }
                return s.waiter
            }
            waiter?.resume()
        }
    }
}
