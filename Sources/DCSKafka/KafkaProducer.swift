import CRdKafka
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// An idempotent Kafka producer whose delivery reports can be awaited.
///
/// Run it as a `Service` in the application's `ServiceGroup`, listed before the services that
/// produce through it (groups shut down in reverse order): `run()` serves librdkafka's events on a
/// dedicated thread, and on graceful shutdown or cancellation it stops accepting messages,
/// flushes what is queued (bounded by ``KafkaProducerConfiguration/flushTimeout``) and fails
/// whatever could not be delivered, so no caller waits forever.
///
/// Sending applies back-pressure: when librdkafka's local queue is full, `send` and `enqueue`
/// wait for deliveries to make room instead of failing.
///
/// After a fatal or ambiguous error (see ``unrecoverableError`` and
/// ``KafkaError/persistence``), recreate the producer rather than guess its state.
public final class KafkaProducer: Service, @unchecked Sendable {
    // @unchecked Sendable: `client` is thread-safe (see RDKafkaClient); mutable state is in
    // `admission` and `stopRequested` (Atomics).

    public let configuration: KafkaProducerConfiguration
    private let client: RDKafkaClient
    private let gate: CapacityGate
    private let logger: Logger
    /// How many callers are inside `rd_kafka_produceva` (the low bits), and whether the producer
    /// stopped taking messages (``closedBit``). librdkafka's produce is thread-safe; the count only
    /// keeps a message from being queued once the closing flush began. A Mutex held around the
    /// call did the same but queued every partition lane behind the others' produce calls.
    private let admission = Atomic<Int>(0)
    private static let closedBit = 1 << 62
    private let stopRequested = Atomic<Bool>(false)

    public init(configuration: KafkaProducerConfiguration, logger: Logger) throws(KafkaError) {
        self.configuration = configuration
        self.logger = logger
        let gate = CapacityGate()
        self.gate = gate
        let context = ClientContext(logger: logger, onDeliveryProgress: { gate.advance() })
        client = try RDKafkaClient(
            type: RD_KAFKA_PRODUCER, properties: configuration.librdkafkaProperties, context: context
        ) { conf in
            rd_kafka_conf_set_dr_msg_cb(conf) { _, message, opaque in
                guard let message else { return }
                if let box = message.pointee._private {
                    Unmanaged<DeliveryCompletion>.fromOpaque(box).takeRetainedValue().complete(with: message)
                }
                if let opaque {
                    Unmanaged<ClientContext>.fromOpaque(opaque).takeUnretainedValue().onDeliveryProgress?()
                }
            }
        }
    }

    /// The producer's fatal error, if it hit one; it must then be recreated.
    public var unrecoverableError: KafkaError? { client.fatalError }

    /// Messages queued locally or in flight.
    public var outstandingMessages: Int { Int(rd_kafka_outq_len(client.handle)) }

    /// Serves delivery reports until shutdown, then flushes. See the type's documentation.
    public func run() async throws {
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                await BlockingCall.run(name: "kafka-poll-prod") { [self] in pollUntilStopped() }
            } onCancel: {
                stopRequested.store(true, ordering: .releasing)
            }
        } onGracefulShutdown: {
            self.stopRequested.store(true, ordering: .releasing)
        }
    }

    /// Asks ``run()`` to stop serving delivery reports, flush (up to the flush timeout) and return,
    /// as graceful shutdown does; for owners that stop it before their service group does.
    public func triggerShutdown() { stopRequested.store(true, ordering: .releasing) }

    /// Sends a message and waits until the broker acknowledged it or delivery failed.
    public func send(_ message: KafkaProducerMessage) async throws(KafkaError) -> KafkaDeliveryReport {
        let result = OneShotResult<KafkaDeliveryReport>()
        try await enqueue(message) { result.complete($0) }
        return try await result.value().get()
    }

    /// Queues a message, waiting for room when the local queue is full, and returns once queued.
    /// `onDelivery` runs later on librdkafka's poll thread: keep it short and non-blocking.
    public func enqueue(
        _ message: KafkaProducerMessage,
        onDelivery: @escaping @Sendable (Result<KafkaDeliveryReport, KafkaError>) -> Void
    ) async throws(KafkaError) {
        let completion = DeliveryCompletion(onDelivery)
        while true {
            let seen = gate.currentGeneration
            let opaque = Unmanaged.passRetained(completion).toOpaque()
            let err = produce(message, opaque: opaque)
            guard let err else { return }
            Unmanaged<DeliveryCompletion>.fromOpaque(opaque).release()
            guard err.code == .queueFull, !Task.isCancelled else { throw err }
            await gate.wait(after: seen)
        }
    }

    /// Waits until every queued message is delivered or failed.
    public func flush(timeout: Duration) async throws(KafkaError) {
        let client = self.client
        let ms = Int32(clamping: timeout.milliseconds)
        let err = await BlockingCall.run(name: "kafka-flush") { rd_kafka_flush(client.handle, ms).rawValue }
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR.rawValue else {
            throw KafkaError(
                rd_kafka_resp_err_t(rawValue: err),
                context: "flush left \(outstandingMessages) message(s) undelivered",
                fallback: .timedOut
            )
        }
    }

    /// Hands one message to librdkafka; `nil` on success. The payload is copied.
    private func produce(_ message: KafkaProducerMessage, opaque: UnsafeMutableRawPointer) -> KafkaError? {
        let before = admission.wrappingAdd(1, ordering: .acquiring).oldValue
        defer { admission.wrappingSubtract(1, ordering: .releasing) }
        guard before & Self.closedBit == 0 else {
            return KafkaError(code: .shutDown, message: "the producer is shutting down; message to \(message.topic) not sent")
        }
        let headers = message.headers.makeCHeaders()
        let error: OpaquePointer? = message.topic.withCString { topic in
            message.value.withUnsafeBytes { value in
                Self.withOptionalBytes(message.key) { key in
                    // On the stack: this runs for every message.
                    withUnsafeTemporaryAllocation(of: rd_kafka_vu_t.self, capacity: 7) { vus in
                        var count = 0
                        func add(_ type: rd_kafka_vtype_t, _ set: (inout rd_kafka_vu_t) -> Void) {
                            vus[count] = rd_kafka_vu_t()
                            vus[count].vtype = type
                            set(&vus[count])
                            count += 1
                        }
                        add(RD_KAFKA_VTYPE_TOPIC) { $0.u.cstr = topic }
                        add(RD_KAFKA_VTYPE_VALUE) {
                            $0.u.mem.ptr = UnsafeMutableRawPointer(mutating: value.baseAddress)
                            $0.u.mem.size = value.count
                        }
                        if let key {
                            add(RD_KAFKA_VTYPE_KEY) {
                                $0.u.mem.ptr = UnsafeMutableRawPointer(mutating: key.baseAddress)
                                $0.u.mem.size = key.count
                            }
                        }
                        if let partition = message.partition {
                            add(RD_KAFKA_VTYPE_PARTITION) { $0.u.i32 = partition }
                        }
                        add(RD_KAFKA_VTYPE_MSGFLAGS) { $0.u.i = RD_KAFKA_MSG_F_COPY }
                        add(RD_KAFKA_VTYPE_OPAQUE) { $0.u.ptr = opaque }
                        if let headers {
                            add(RD_KAFKA_VTYPE_HEADERS) { $0.u.headers = headers }
                        }
                        return rd_kafka_produceva(client.handle, vus.baseAddress, count)
                    }
                }
            }
        }
        guard let error else { return nil }  // librdkafka now owns the headers
        if let headers { rd_kafka_headers_destroy(headers) }
        return KafkaError(consuming: error, context: "cannot queue message to \(message.topic)", fallback: .deliveryFailed)
    }

    private static func withOptionalBytes<R>(_ data: Data?, _ body: (UnsafeRawBufferPointer?) -> R) -> R {
        guard let data else { return body(nil) }
        return data.withUnsafeBytes { body($0) }
    }

    /// The poll thread: serve events until asked to stop, then close in order.
    private func pollUntilStopped() {
        let handle = client.handle
        while !stopRequested.load(ordering: .acquiring) {
            rd_kafka_poll(handle, 100)
        }
        // No message is queued after this: later callers see the bit, earlier ones are waited for.
        admission.bitwiseOr(Self.closedBit, ordering: .acquiringAndReleasing)
        while admission.load(ordering: .acquiring) & ~Self.closedBit != 0 { sched_yield() }
        let flushMs = Int32(clamping: configuration.flushTimeout.milliseconds)
        if rd_kafka_flush(handle, flushMs) != RD_KAFKA_RESP_ERR_NO_ERROR {
            let remaining = rd_kafka_outq_len(handle)
            logger.error("Producer flush timed out; failing undelivered messages", metadata: ["kafka.remaining": "\(remaining)"])
            rd_kafka_purge(handle, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT)
            // Serve the purged messages' reports so their senders see an error, not a hang.
            let deadline = ContinuousClock.now + configuration.client.socketTimeout
            while rd_kafka_outq_len(handle) > 0, ContinuousClock.now < deadline {
                rd_kafka_poll(handle, 100)
            }
        }
        gate.advance()
        logger.debug("Producer closed")
    }
}
