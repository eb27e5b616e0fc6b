import CRdKafka
import Foundation
import Logging

/// Owns one librdkafka client handle (`rd_kafka_t`) and the context its C callbacks reach.
///
/// `@unchecked Sendable`: librdkafka handles are thread-safe for every call this module makes on
/// them (produce, poll, offsets store, pause/resume, admin requests); the handle itself is
/// immutable after init and destroyed only in `deinit`, when no other reference can exist.
final class RDKafkaClient: @unchecked Sendable {
    let handle: OpaquePointer
    let context: ClientContext
    private let retainedContext: Unmanaged<ClientContext>

    /// Creates the client. `configure` may install callbacks on the `rd_kafka_conf_t` before use.
    init(
        type: rd_kafka_type_t,
        properties: [String: String],
        context: ClientContext,
        configure: (OpaquePointer) -> Void = { _ in }
    ) throws(KafkaError) {
        let conf = try Self.makeConf(properties)
        self.context = context
        retainedContext = Unmanaged.passRetained(context)
        rd_kafka_conf_set_opaque(conf, retainedContext.toOpaque())
        rd_kafka_conf_set_log_cb(conf) { rk, level, facility, text in
            guard let rk, let opaque = rd_kafka_opaque(rk) else { return }
            let context = Unmanaged<ClientContext>.fromOpaque(opaque).takeUnretainedValue()
            context.log(level: level, facility: facility.map { String(cString: $0) } ?? "", text: text.map { String(cString: $0) } ?? "")
        }
        rd_kafka_conf_set_error_cb(conf) { _, err, reason, opaque in
            guard let opaque else { return }
            let context = Unmanaged<ClientContext>.fromOpaque(opaque).takeUnretainedValue()
            context.reportError(KafkaErrorCode(rawValue: err), reason: reason.map { String(cString: $0) } ?? "")
        }
        configure(conf)
        var errstr = [CChar](repeating: 0, count: 512)
        guard let handle = rd_kafka_new(type, conf, &errstr, errstr.count) else {
            // On failure the conf is still ours to free.
            rd_kafka_conf_destroy(conf)
            retainedContext.release()
            throw KafkaError(code: .clientCreation, message: String(errorBuffer: errstr))
        }
        self.handle = handle
    }

    deinit {
        rd_kafka_destroy(handle)
        retainedContext.release()
    }

    static func makeConf(_ properties: [String: String]) throws(KafkaError) -> OpaquePointer {
        guard let conf = rd_kafka_conf_new() else {
            throw KafkaError(code: .clientCreation, message: "rd_kafka_conf_new failed")
        }
        var errstr = [CChar](repeating: 0, count: 512)
        // Sorted so a faulty property is reported deterministically.
        for (name, value) in properties.sorted(by: { $0.key < $1.key }) {
            if rd_kafka_conf_set(conf, name, value, &errstr, errstr.count) != RD_KAFKA_CONF_OK {
                rd_kafka_conf_destroy(conf)
                throw KafkaError(
                    code: .invalidConfiguration,
                    message: "librdkafka rejected property '\(name)': \(String(errorBuffer: errstr))"
                )
            }
        }
        return conf
    }

    /// The client's fatal error, if it has one (idempotent producers can hit one).
    var fatalError: KafkaError? {
        var errstr = [CChar](repeating: 0, count: 512)
        let err = rd_kafka_fatal_error(handle, &errstr, errstr.count)
        guard err != RD_KAFKA_RESP_ERR_NO_ERROR else { return nil }
        return KafkaError(code: .fatal, message: String(errorBuffer: errstr), brokerCode: KafkaErrorCode(err))
    }
}

/// What librdkafka's C callbacks reach through the client's opaque pointer.
///
/// `@unchecked Sendable`: every stored property is immutable and itself safe to share.
final class ClientContext: @unchecked Sendable {
    let logger: Logger
    /// Called on every delivery report (librdkafka poll thread): used for back-pressure wake-ups.
    let onDeliveryProgress: (@Sendable () -> Void)?
    /// Called for client-level errors (poll thread).
    let onError: (@Sendable (KafkaErrorCode, String) -> Void)?
    /// A consumer's rebalance handling (poll thread).
    let rebalanceBridge: RebalanceBridge?

    init(
        logger: Logger,
        onDeliveryProgress: (@Sendable () -> Void)? = nil,
        onError: (@Sendable (KafkaErrorCode, String) -> Void)? = nil,
        rebalanceBridge: RebalanceBridge? = nil
    ) {
        self.logger = logger
        self.rebalanceBridge = rebalanceBridge
        self.onDeliveryProgress = onDeliveryProgress
        self.onError = onError
    }

    func log(level: Int32, facility: String, text: String) {
        let swiftLevel: Logger.Level
        switch level {
        case ...2: swiftLevel = .critical
        case 3: swiftLevel = .error
        case 4: swiftLevel = .warning
        case 5: swiftLevel = .notice
        case 6: swiftLevel = .info
        default: swiftLevel = .debug
        }
        logger.log(level: swiftLevel, "\(text)", metadata: ["librdkafka.facility": "\(facility)"])
    }

    func reportError(_ code: KafkaErrorCode, reason: String) {
        // Transport errors are routine while a broker restarts; librdkafka reconnects by itself.
        let level: Logger.Level = code == .transport || code.rawValue == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN.rawValue
            ? .warning : .error
        logger.log(level: level, "Kafka client error", metadata: ["kafka.error": "\(code.name)", "kafka.reason": "\(reason)"])
        onError?(code, reason)
    }
}
