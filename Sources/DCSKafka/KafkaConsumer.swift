import CRdKafka
import Foundation
import Logging
import ServiceLifecycle

/// A consumer-group member that commits only what the application has finished.
///
/// Run it as a `Service`; read ``events`` from one task. Each message must be marked done with
/// ``markDone(_:)`` after its effects are safe; only then is its offset stored, and stored offsets
/// are committed in the background, on revoke and on close. A consumer that stops before marking a
/// message done leaves it to be delivered again.
///
/// librdkafka is driven by per-message polling on a dedicated thread (the batch APIs misbehave
/// with seek, pause and rebalances in librdkafka 2.0). Rebalances reach the application twice:
/// synchronously through `rebalanceListener` on the poll thread, before partitions are taken away
/// (so in-flight work can be finished or fenced), and as ``KafkaConsumerEvent/rebalance(_:)``
/// events in order with the messages. Buffered messages of revoked partitions are dropped.
public final class KafkaConsumer: Service, @unchecked Sendable {
    // @unchecked Sendable: `client` is thread-safe (see RDKafkaClient); the rebalance state below is
    // touched only from the poll thread; `buffer` guards its own state.

    public let configuration: KafkaConsumerConfiguration
    /// Events in order: messages, rebalances, errors.
    public let events: KafkaConsumerEvents

    let client: RDKafkaClient
    let buffer: ConsumerEventBuffer
    /// Manual readers: offset after the last message polled, per partition (poll thread only).
    let manualPositions = ManualPositions()
    private let logger: Logger

    /// - Parameters:
    ///   - rebalanceListener: called on the poll thread before librdkafka changes the assignment;
    ///     it may block briefly (e.g. to finish in-flight work of revoked partitions).
    ///   - startOffsets: called on the poll thread with newly assigned partitions; the offsets it
    ///     returns override the group's committed ones (for applications that keep their position
    ///     next to their own state, as the workers do in SQLite). Partitions it leaves out start
    ///     from the committed offset.
    public init(
        configuration: KafkaConsumerConfiguration,
        logger: Logger,
        rebalanceListener: (@Sendable (KafkaRebalanceEvent) -> Void)? = nil,
        startOffsets: (@Sendable ([KafkaTopicPartition]) -> [KafkaTopicPartition: Int64])? = nil
    ) throws(KafkaError) {
        guard configuration.membership == .manual || !configuration.topics.isEmpty else {
            throw KafkaError(code: .invalidConfiguration, message: "a consumer needs at least one topic")
        }
        self.configuration = configuration
        self.logger = logger
        let buffer = ConsumerEventBuffer(capacity: configuration.bufferCapacity)
        self.buffer = buffer
        events = KafkaConsumerEvents(buffer: buffer)
        let bridge = RebalanceBridge(buffer: buffer, listener: rebalanceListener, startOffsets: startOffsets, logger: logger)
        let context = ClientContext(logger: logger, rebalanceBridge: bridge)
        client = try RDKafkaClient(
            type: RD_KAFKA_CONSUMER, properties: configuration.librdkafkaProperties, context: context
        ) { conf in
            rd_kafka_conf_set_rebalance_cb(conf, consumerRebalanceCallback)
        }
        // Serve rebalances, errors and logs from the same queue as messages, i.e. on our poll thread.
        rd_kafka_poll_set_consumer(client.handle)
    }

    /// Subscribes (`.group` membership), polls until shutdown, then closes the consumer (final
    /// commit, group leave).
    public func run() async throws {
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                await BlockingCall.run(name: "kafka-poll-cons") { [self] in pollUntilStopped() }
            } onCancel: {
                buffer.requestStop()
            }
        } onGracefulShutdown: {
            self.buffer.requestStop()
        }
    }

    /// Asks the consumer to stop polling and close; ``events`` ends afterwards.
    public func triggerShutdown() { buffer.requestStop() }

    /// Stores the offset after `message`: it will be committed, so it is not delivered again.
    /// Fails with ``KafkaError/Code/invalidState`` when the partition is no longer assigned.
    public func markDone(_ message: KafkaConsumerMessage) throws(KafkaError) {
        try storeOffsets([KafkaTopicPartitionOffset(topic: message.topic, partition: message.partition, offset: message.offset + 1)])
    }

    /// Stores next-to-read offsets for later commit.
    public func storeOffsets(_ offsets: [KafkaTopicPartitionOffset]) throws(KafkaError) {
        guard !offsets.isEmpty else { return }
        let failure: KafkaError? = KafkaTopicPartitionOffset.withCList(offsets) { list in
            let err = rd_kafka_offsets_store(client.handle, list)
            if let bad = KafkaTopicPartition.entries(of: list).first(where: { $0.error != RD_KAFKA_RESP_ERR_NO_ERROR }) {
                return KafkaError(bad.error, context: "cannot store offset for \(bad.partition)", fallback: .invalidState)
            }
            guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
                return KafkaError(err, context: "cannot store offsets", fallback: .invalidState)
            }
            return nil
        }
        if let failure { throw failure }
    }

    /// Commits the stored offsets now and waits for the broker's answer.
    public func commit() async throws(KafkaError) {
        let client = self.client
        let raw = await BlockingCall.run(name: "kafka-commit") { rd_kafka_commit(client.handle, nil, 0).rawValue }
        let err = rd_kafka_resp_err_t(rawValue: raw)
        // Nothing stored since the last commit is not a failure.
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR || err == RD_KAFKA_RESP_ERR__NO_OFFSET else {
            throw KafkaError(err, context: "commit failed", fallback: .commitFailed)
        }
    }

    /// The group's committed next-to-read offsets of these partitions (-1001 when none).
    public func committedOffsets(
        for partitions: [KafkaTopicPartition], timeout: Duration = .seconds(10)
    ) async throws(KafkaError) -> [KafkaTopicPartitionOffset] {
        let client = self.client
        let ms = Int32(clamping: timeout.milliseconds)
        let result: Result<[KafkaTopicPartitionOffset], KafkaError> = await BlockingCall.run(name: "kafka-committed") {
            KafkaTopicPartition.withCList(partitions) { list in
                let err = rd_kafka_committed(client.handle, list, ms)
                guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
                    return .failure(KafkaError(err, context: "cannot read committed offsets", fallback: .consumer))
                }
                return .success(KafkaTopicPartition.entries(of: list).map {
                    KafkaTopicPartitionOffset(topic: $0.partition.topic, partition: $0.partition.partition, offset: $0.offset)
                })
            }
        }
        return try result.get()
    }

    /// The partitions currently assigned to this member.
    public func assignment() throws(KafkaError) -> [KafkaTopicPartition] {
        var list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
        let err = rd_kafka_assignment(client.handle, &list)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR, let list else {
            throw KafkaError(err, context: "cannot read assignment", fallback: .consumer)
        }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        return KafkaTopicPartition.entries(of: list).map(\.partition).sorted()
    }

    /// The partition's high watermark (offset of the next record to be written) as last seen in a
    /// fetch response; non-blocking, so it may lag a little. `nil` before the first fetch.
    public func cachedHighWatermark(for partition: KafkaTopicPartition) -> Int64? {
        var low: Int64 = -1
        var high: Int64 = -1
        let err = rd_kafka_get_watermark_offsets(client.handle, partition.topic, partition.partition, &low, &high)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR, high >= 0 else { return nil }
        return high
    }

    /// Stops fetching these partitions until ``resume(_:)``; their position is kept.
    public func pause(_ partitions: [KafkaTopicPartition]) throws(KafkaError) {
        try changeFetching(partitions, pause: true)
    }

    public func resume(_ partitions: [KafkaTopicPartition]) throws(KafkaError) {
        try changeFetching(partitions, pause: false)
    }

    private func changeFetching(_ partitions: [KafkaTopicPartition], pause: Bool) throws(KafkaError) {
        let err: rd_kafka_resp_err_t = KafkaTopicPartition.withCList(partitions) { list in
            pause ? rd_kafka_pause_partitions(client.handle, list) : rd_kafka_resume_partitions(client.handle, list)
        }
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw KafkaError(err, context: pause ? "pause failed" : "resume failed", fallback: .consumer)
        }
    }

    /// Moves the fetch position of assigned partitions. Runs on the poll thread, so messages
    /// fetched before the seek are dropped and the next event of each partition is at its new offset.
    public func seek(_ positions: [KafkaTopicPartitionOffset], timeout: Duration = .seconds(10)) async throws(KafkaError) {
        let client = self.client
        let buffer = self.buffer
        let ms = Self.seekTimeoutArgument(timeout)
        let result = OneShotResult<Void>()
        let accepted = buffer.enqueueCommand {
            let failure: KafkaError? = KafkaTopicPartitionOffset.withCList(positions) { list in
                if let error = rd_kafka_seek_partitions(client.handle, list, ms) {
                    return KafkaError(consuming: error, context: "seek failed", fallback: .consumer)
                }
                if let bad = KafkaTopicPartition.entries(of: list).first(where: { $0.error != RD_KAFKA_RESP_ERR_NO_ERROR }) {
                    return KafkaError(bad.error, context: "seek failed for \(bad.partition)", fallback: .consumer)
                }
                return nil
            }
            buffer.discardMessages(of: Set(positions.map(\.topicPartition)))
            result.complete(failure.map { .failure($0) } ?? .success(()))
        }
        guard accepted else { throw KafkaError(code: .shutDown, message: "the consumer is shutting down") }
        try await result.value().get()
    }

    /// The `timeout_ms` to give `rd_kafka_seek_partitions` for a wait of `timeout`.
    ///
    /// librdkafka 2.0.2 (the Debian 12 package, here and in the production image) waits for each
    /// partition's answer with `rd_kafka_q_pop(tmpq, rd_timeout_remains(abs_timeout), 0)`: the
    /// remaining time in milliseconds where microseconds are expected, so a 10 s timeout became
    /// 10 ms and a busy client reported `_TIMED_OUT` for a seek that was under way (seen in CI).
    /// A thousand times the milliseconds makes the wait the one intended.
    static func seekTimeoutArgument(_ timeout: Duration) -> Int32 {
        Int32(clamping: timeout.milliseconds * 1_000)
    }

    // MARK: poll thread

    private func pollUntilStopped() {
        let handle = client.handle
        guard configuration.membership == .group else {
            logger.debug("Manual reader started", metadata: ["kafka.client": "\(configuration.client.clientID)"])
            poll(handle)
            return
        }
        let subscribed: KafkaError? = KafkaTopicPartition.withCList(
            configuration.topics.map { KafkaTopicPartition(topic: $0, partition: RD_KAFKA_PARTITION_UA) }
        ) { list in
            let err = rd_kafka_subscribe(handle, list)
            return err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError(err, context: "subscribe failed", fallback: .consumer)
        }
        if let subscribed {
            logger.error("Consumer could not subscribe", metadata: ["kafka.error": "\(subscribed.code)"])
            buffer.push(.error(subscribed))
            buffer.finish()
            return
        }
        logger.debug("Consumer subscribed", metadata: ["kafka.topics": "\(configuration.topics.joined(separator: ","))", "kafka.group": "\(configuration.groupID)"])
        poll(handle)
    }

    /// Polls until stopped, then closes (which, in a group, commits and leaves).
    private func poll(_ handle: OpaquePointer) {
        while buffer.waitForRoom() {
            for command in buffer.takeCommands() { command() }
            guard let message = rd_kafka_consumer_poll(handle, 100) else { continue }
            defer { rd_kafka_message_destroy(message) }
            let err = message.pointee.err
            if err == RD_KAFKA_RESP_ERR_NO_ERROR {
                let copy = KafkaConsumerMessage(copying: message)
                if configuration.membership == .manual { manualPositions.next[copy.topicPartition] = copy.offset + 1 }
                buffer.push(.message(copy))
            } else if err != RD_KAFKA_RESP_ERR__PARTITION_EOF {
                let error = KafkaError(err, context: "consumer error", fallback: .consumer)
                logger.warning("Consumer error", metadata: ["kafka.error": "\(error)"])
                buffer.push(.error(error))
            }
        }
        // Commands queued just before the stop still get an answer.
        for command in buffer.takeCommands() { command() }
        // Close commits stored offsets and leaves the group; its revoke goes through our callback.
        let closeErr = rd_kafka_consumer_close(handle)
        if closeErr != RD_KAFKA_RESP_ERR_NO_ERROR {
            logger.warning("Consumer close reported an error", metadata: ["kafka.error": "\(KafkaErrorCode(closeErr).name)"])
        }
        buffer.finish()
        logger.debug("Consumer closed")
    }
}

/// Where a manual reader stands on each partition it reads.
///
/// `@unchecked Sendable`: read and written only on the consumer's poll thread.
final class ManualPositions: @unchecked Sendable {
    /// Offset after the last message polled, or the offset reading starts or restarts at.
    var next: [KafkaTopicPartition: Int64] = [:]
}

/// Connects librdkafka's rebalance callback (a C function) to the consumer's buffer and listener.
///
/// `@unchecked Sendable`: immutable; its callback runs only on the poll thread.
final class RebalanceBridge: @unchecked Sendable {
    let buffer: ConsumerEventBuffer
    let listener: (@Sendable (KafkaRebalanceEvent) -> Void)?
    let startOffsets: (@Sendable ([KafkaTopicPartition]) -> [KafkaTopicPartition: Int64])?
    let logger: Logger

    init(
        buffer: ConsumerEventBuffer,
        listener: (@Sendable (KafkaRebalanceEvent) -> Void)?,
        startOffsets: (@Sendable ([KafkaTopicPartition]) -> [KafkaTopicPartition: Int64])?,
        logger: Logger
    ) {
        self.buffer = buffer
        self.listener = listener
        self.startOffsets = startOffsets
        self.logger = logger
    }

    func handle(
        _ rk: OpaquePointer, err: rd_kafka_resp_err_t, partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>
    ) {
        let owned = KafkaTopicPartition.entries(of: partitions).map(\.partition).sorted()
        let cooperative = String(cString: rd_kafka_rebalance_protocol(rk)) == "COOPERATIVE"
        switch err {
        case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
            if let startOffsets {
                let offsets = startOffsets(owned)
                for index in 0..<Int(partitions.pointee.cnt) {
                    let element = partitions.pointee.elems[index]
                    let key = KafkaTopicPartition(topic: String(cString: element.topic), partition: element.partition)
                    if let offset = offsets[key] { partitions.pointee.elems[index].offset = offset }
                }
            }
            let error = cooperative
                ? rd_kafka_incremental_assign(rk, partitions).map { KafkaError(consuming: $0, context: "assign failed", fallback: .consumer) }
                : Self.check(rd_kafka_assign(rk, partitions), "assign failed")
            if let error { logger.error("Partition assignment failed", metadata: ["kafka.error": "\(error)"]) }
            let event = KafkaRebalanceEvent.assigned(owned)
            logger.info("Partitions assigned", metadata: ["kafka.partitions": "\(owned.map(\.description).joined(separator: ","))"])
            listener?(event)
            buffer.push(.rebalance(event))
        default:
            let lost = rd_kafka_assignment_lost(rk) != 0
            let event: KafkaRebalanceEvent = lost ? .lost(owned) : .revoked(owned)
            logger.info(lost ? "Partitions lost" : "Partitions revoked", metadata: ["kafka.partitions": "\(owned.map(\.description).joined(separator: ","))"])
            // Before the hand-over: fetched but unprocessed messages belong to the next owner.
            buffer.discardMessages(of: Set(owned))
            listener?(event)
            buffer.push(.rebalance(event))
            let error = cooperative
                ? rd_kafka_incremental_unassign(rk, partitions).map { KafkaError(consuming: $0, context: "unassign failed", fallback: .consumer) }
                : Self.check(rd_kafka_assign(rk, nil), "unassign failed")
            if let error { logger.error("Partition unassignment failed", metadata: ["kafka.error": "\(error)"]) }
        }
    }

    private static func check(_ err: rd_kafka_resp_err_t, _ context: String) -> KafkaError? {
        err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError(err, context: context, fallback: .consumer)
    }
}

private func consumerRebalanceCallback(
    _ rk: OpaquePointer?, _ err: rd_kafka_resp_err_t,
    _ partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?, _ opaque: UnsafeMutableRawPointer?
) {
    guard let rk, let partitions else { return }
    guard let opaque, let bridge = Unmanaged<ClientContext>.fromOpaque(opaque).takeUnretainedValue().rebalanceBridge else {
        // No bridge (cannot happen for our consumers): librdkafka's default behaviour.
        if err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS { rd_kafka_assign(rk, partitions) } else { rd_kafka_assign(rk, nil) }
        return
    }
    bridge.handle(rk, err: err, partitions: partitions)
}
