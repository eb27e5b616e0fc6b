import CRdKafka

/// An error from the Kafka layer.
///
/// ``code`` is stable across releases: operators filter logs and metrics on it and stations may
/// show it. ``brokerCode`` keeps librdkafka's own error code when there is one, for diagnosis.
public struct KafkaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable, dotted error codes of the Kafka layer.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A configuration property was rejected by librdkafka.
        public static let invalidConfiguration = Code(rawValue: "kafka.invalid_configuration")
        /// The client could not be created.
        public static let clientCreation = Code(rawValue: "kafka.client_creation")
        /// The local producer queue stayed full.
        public static let queueFull = Code(rawValue: "kafka.queue_full")
        /// A message could not be delivered (see ``persistence``).
        public static let deliveryFailed = Code(rawValue: "kafka.delivery_failed")
        /// A call did not complete in time.
        public static let timedOut = Code(rawValue: "kafka.timed_out")
        /// No broker of the cluster could be reached.
        public static let unreachable = Code(rawValue: "kafka.unreachable")
        /// The client hit an unrecoverable error and must be recreated.
        public static let fatal = Code(rawValue: "kafka.fatal")
        /// The client was already shut down.
        public static let shutDown = Code(rawValue: "kafka.shut_down")
        /// An operation was called in a state that does not allow it (e.g. storing the offset of an unassigned partition).
        public static let invalidState = Code(rawValue: "kafka.invalid_state")
        /// A topic-level error (unknown topic, authorisation, ...).
        public static let topic = Code(rawValue: "kafka.topic_error")
        /// An admin operation (create, describe) failed.
        public static let admin = Code(rawValue: "kafka.admin_failed")
        /// The broker does not support the request (e.g. the embedded cluster has no CreateTopics).
        public static let unsupported = Code(rawValue: "kafka.unsupported")
        /// Committing consumer offsets failed.
        public static let commitFailed = Code(rawValue: "kafka.commit_failed")
        /// A consumer-side error reported while fetching.
        public static let consumer = Code(rawValue: "kafka.consumer_error")
        /// The embedded cluster rejected an operation.
        public static let embeddedCluster = Code(rawValue: "kafka.embedded_cluster")
    }

    /// Whether a failed message may still have been written by the broker.
    public enum Persistence: String, Sendable {
        case notPersisted = "not_persisted"
        case possiblyPersisted = "possibly_persisted"
        case persisted
    }

    public var code: Code
    /// librdkafka's error code, when the error came from librdkafka.
    public var brokerCode: KafkaErrorCode?
    /// A human-readable explanation; carries no message payloads.
    public var message: String
    /// librdkafka says the operation may succeed if retried.
    public var isRetriable: Bool
    /// For delivery failures: whether the message may have been written anyway.
    public var persistence: Persistence?

    public init(
        code: Code,
        message: String,
        brokerCode: KafkaErrorCode? = nil,
        isRetriable: Bool = false,
        persistence: Persistence? = nil
    ) {
        self.code = code
        self.message = message
        self.brokerCode = brokerCode
        self.isRetriable = isRetriable
        self.persistence = persistence
    }

    public var description: String {
        var text = "[\(code.rawValue)] \(message)"
        if let brokerCode { text += " (\(brokerCode.name))" }
        return text
    }
}

extension KafkaError {
    /// Builds an error from a librdkafka response code, choosing the stable code from its meaning.
    init(_ err: rd_kafka_resp_err_t, context: String, fallback: Code) {
        let brokerCode = KafkaErrorCode(err)
        let code: Code
        switch err {
        case RD_KAFKA_RESP_ERR__TIMED_OUT, RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT, RD_KAFKA_RESP_ERR__MSG_TIMED_OUT:
            code = .timedOut
        case RD_KAFKA_RESP_ERR__TRANSPORT, RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN, RD_KAFKA_RESP_ERR__RESOLVE:
            code = .unreachable
        case RD_KAFKA_RESP_ERR__QUEUE_FULL:
            code = .queueFull
        case RD_KAFKA_RESP_ERR__FATAL:
            code = .fatal
        case RD_KAFKA_RESP_ERR__STATE:
            code = .invalidState
        case RD_KAFKA_RESP_ERR_UNSUPPORTED_VERSION, RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE:
            code = .unsupported
        case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC, RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART,
             RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED:
            code = .topic
        default:
            code = fallback
        }
        self.init(code: code, message: "\(context): \(brokerCode.explanation)", brokerCode: brokerCode)
    }

    /// Takes ownership of an `rd_kafka_error_t` (destroying it) and converts it.
    init(consuming error: OpaquePointer, context: String, fallback: Code) {
        defer { rd_kafka_error_destroy(error) }
        let err = rd_kafka_error_code(error)
        self.init(err, context: context, fallback: fallback)
        if let text = rd_kafka_error_string(error) {
            self.message = "\(context): \(String(cString: text))"
        }
        self.isRetriable = rd_kafka_error_is_retriable(error) != 0
        if rd_kafka_error_is_fatal(error) != 0 { self.code = .fatal }
    }
}
