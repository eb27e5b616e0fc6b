import DCSCatalogue
import DCSKafka
import DCSMessages
import DCSObservability
import Foundation
import Logging
import ServiceLifecycle

/// One worker process's machinery for one category: an idempotent producer, a consumer-group
/// member and the loop that feeds per-partition lanes.
///
/// Run ``services`` in one `ServiceGroup`, in that order: on graceful shutdown the group stops them
/// in reverse, so the loop first drains in-flight work and publishes its results, then the consumer
/// commits and leaves the group, then the producer flushes.
///
/// Delivery is at least once; effects are exactly once: the dedup record, the handler's changes
/// and the consumed position commit together per partition, a redelivered request is answered from
/// its stored result, and a process that lost a partition is fenced from writing it.
public final class Worker: Sendable {
    public let configuration: WorkerConfiguration
    public let producer: KafkaProducer
    public let consumer: KafkaConsumer
    public let statistics = WorkerStatistics()
    /// Readiness for the `/health` endpoint: connected to Kafka, partitions owned.
    public let health: HealthState
    private let loop: WorkerLoop
    private let registry: PartitionRegistry

    /// - Parameters:
    ///   - producer: share one producer between several workers of a process (e.g. `dcs up`), or
    ///     `nil` to create one; a shared producer must be run by the caller, before the workers.
    ///   - now: the processing clock (tests pin it).
    public init(
        configuration: WorkerConfiguration,
        handler: any RequestHandler,
        catalogue: TopicCatalogue,
        kafka: KafkaClientConfiguration,
        producer: KafkaProducer? = nil,
        observer: (any WorkerObserver)? = nil,
        logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        guard handler.category == configuration.category else {
            throw WorkerError(code: .configuration, message: "a \(handler.category.rawValue) handler cannot serve the \(configuration.category.rawValue) worker")
        }
        try configuration.checkAnswerRetention(catalogue: catalogue)
        var logger = logger
        logger[metadataKey: "worker.category"] = "\(configuration.category.rawValue)"
        logger[metadataKey: "worker.instance"] = "\(configuration.instanceID)"
        if !SQLiteProcessSettings.apply() {
            logger.debug("SQLite started before this worker: its process-wide settings do not apply (only slower)")
        }
        self.configuration = configuration
        let health = HealthState(category: configuration.category.rawValue, instanceID: configuration.instanceID)
        self.health = health
        let observers = ObserverChain(
            observers: [MetricsObserver(category: configuration.category, metrics: FleetMetrics.shared)] + (observer.map { [$0] } ?? [])
        )
        let requestTopic = catalogue.requestTopic(for: configuration.category)
        let processor = RequestProcessor(
            handler: handler,
            requestSchema: catalogue.schema(forTopic: requestTopic.name),
            resultsTopic: catalogue.resultsTopic.name,
            resultsPartitions: catalogue.resultsTopic.partitions,
            deadLetterTopic: catalogue.deadLetterTopic(for: configuration.category).name,
            consumerGroup: configuration.groupID,
            instanceID: configuration.instanceID,
            retryTiers: Self.retryTiers(catalogue: catalogue, configuration: configuration),
            retry: configuration.retry,
            authenticator: configuration.authenticator,
            fieldCipher: configuration.fieldCipher,
            securityEventsTopic: catalogue.securityEventsTopic.name,
            answerRetention: configuration.answerRetention
        )
        self.producer = try producer ?? KafkaProducer(configuration: KafkaProducerConfiguration(client: kafka), logger: logger)
        let registry = PartitionRegistry()
        self.registry = registry
        let drainTimeout = configuration.drainTimeout
        let listenerLogger = logger
        let claimConfiguration = configuration
        // One background checkpoint at a time across this process's partitions.
        let checkpointGate = CheckpointGate()
        consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(client: kafka, groupID: configuration.groupID, topics: [requestTopic.name]),
            logger: logger,
            rebalanceListener: { event in
                defer { health.setAssigned(registry.ownedPartitions.map(Int.init)) }
                switch event {
                case .assigned:
                    break  // stores were claimed in `startOffsets`; the loop starts lanes in order with the messages
                case .revoked(let partitions), .lost(let partitions):
                    let lost: Bool = if case .lost = event { true } else { false }
                    // Stop the lanes and wait for their in-flight batches and results before the hand-over.
                    let lanes = partitions.compactMap { registry.remove($0) }
                    for partition in LaneHandOver.stop(lanes, discardQueued: lost, timeout: drainTimeout) {
                        listenerLogger.warning("Partition did not drain in time; the next owner republishes its outbox", metadata: ["kafka.partition": "\(partition)"])
                    }
                }
            },
            startOffsets: { partitions in
                // Claim each partition's state (fencing any previous owner) and resume from its stored position.
                var offsets: [KafkaTopicPartition: Int64] = [:]
                for partition in partitions {
                    health.setConnected(true)  // an assignment means the group coordinator answered
                    do {
                        let store = try PartitionStore.claim(
                            owner: claimConfiguration.instanceID, partition: partition,
                            url: claimConfiguration.databaseURL(topic: partition.topic, partition: partition.partition),
                            handler: handler, cacheKiB: claimConfiguration.databaseCacheKiB,
                            walAutocheckpointPages: claimConfiguration.walAutocheckpointPages,
                            checkpointGate: checkpointGate
                        )
                        registry.add(store)
                        if let position = store.storedPosition { offsets[partition] = position }
                    } catch {
                        listenerLogger.critical("Cannot claim partition state; its requests wait until it can be claimed", metadata: [
                            "kafka.partition": "\(partition)", "worker.error": "\(error)",
                        ])
                    }
                }
                return offsets
            }
        )
        let laneLogger = logger
        loop = WorkerLoop(
            consumer: consumer, registry: registry, health: health, logger: logger,
            makeLane: { [producer = self.producer, consumer, statistics] store in
                PartitionLane(
                    store: store, processor: processor, producer: producer, consumer: consumer,
                    statistics: statistics, observer: observers, configuration: configuration, now: now, logger: laneLogger
                )
            }
        )
        ownsProducer = producer == nil
        let tiers = Self.retryTiers(catalogue: catalogue, configuration: configuration)
        retryForwarder = tiers.isEmpty ? nil : RetryForwarder(
            tiers: tiers, requestTopic: requestTopic.name, groupID: configuration.groupID, kafka: kafka, producer: self.producer, logger: logger
        )
    }

    private let ownsProducer: Bool
    private let retryForwarder: RetryForwarder?

    /// The services to run, in order (see the type's documentation). A shared producer passed to
    /// `init` is not included: its owner runs it. The retry forwarder comes last, so it stops first.
    public var services: [any Service] {
        (ownsProducer ? [producer, consumer, loop] : [consumer, loop]) + (retryForwarder.map { [$0] } ?? [])
    }

    /// The category's retry ladder: the catalogue's tiers, with the policy's delays when it sets them.
    static func retryTiers(catalogue: TopicCatalogue, configuration: WorkerConfiguration) -> [RetryTier] {
        catalogue.retryTopics(for: configuration.category).enumerated().map { index, topic in
            let name = String(topic.name.split(separator: ".").last ?? "")
            let delay = configuration.retry.tierDelays.flatMap { index < $0.count ? $0[index] : nil } ?? .seconds(topic.retryDelaySeconds ?? 0)
            return RetryTier(topic: topic.name, name: name, delay: delay)
        }
    }

    /// Partitions of the request topic this process owns now.
    public var ownedPartitions: [Int32] { registry.ownedPartitions }

    /// Waits until this process owns at least `partitions` partitions (one: it joined the group),
    /// their state claimed, or `timeout`. Returns whether it does. Ownership changes on the
    /// consumer's poll thread; this polls it.
    public func waitForAssignment(partitions: Int = 1, timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while registry.ownedPartitions.count < partitions {
            guard ContinuousClock.now < deadline, !Task.isCancelled else { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }
}

/// Routes consumed messages to per-partition lanes and runs the lanes.
final class WorkerLoop: Service, Sendable {
    private let consumer: KafkaConsumer
    private let registry: PartitionRegistry
    private let health: HealthState
    private let logger: Logger
    private let makeLane: @Sendable (PartitionStore) -> PartitionLane

    init(
        consumer: KafkaConsumer, registry: PartitionRegistry, health: HealthState, logger: Logger,
        makeLane: @escaping @Sendable (PartitionStore) -> PartitionLane
    ) {
        self.consumer = consumer
        self.registry = registry
        self.health = health
        self.logger = logger
        self.makeLane = makeLane
    }

    func run() async throws {
        let (started, starter) = AsyncStream.makeStream(of: PartitionLane.self)
        health.markStarted()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [self] in
                // Graceful shutdown stops the routing; queued work still drains below.
                await cancelWhenGracefulShutdown {
                    await self.route(starter)
                }
                starter.finish()
            }
            for await lane in started {
                group.addTask { await lane.run() }
            }
            for lane in registry.removeAll() { lane.queue.close() }
            await group.waitForAll()
        }
        logger.info("Worker loop stopped")
    }

    private func route(_ starter: AsyncStream<PartitionLane>.Continuation) async {
        for await event in consumer.events {
            switch event {
            case .message(let message):
                guard let lane = registry.lane(for: message.topicPartition) else {
                    // Not ours (revoked) or its state could not be claimed: left for redelivery.
                    logger.debug("Message for a partition without a lane", metadata: ["kafka.partition": "\(message.topicPartition)"])
                    continue
                }
                await lane.queue.push(message)
            case .rebalance(.assigned(let partitions)):
                health.setConnected(true)
                for partition in partitions {
                    if let lane = registry.startLane(for: partition, make: makeLane) { starter.yield(lane) }
                }
            case .rebalance:
                continue  // revocations are handled synchronously in the rebalance listener
            case .error(let error):
                if error.code == .unreachable { health.setConnected(false) }
                logger.warning("Consumer error", metadata: ["kafka.error": "\(error)"])
            }
        }
    }
}
