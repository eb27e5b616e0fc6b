/// Why a dead-letter operation could not be carried out. The ``code`` is stable (`dlq.*`): scripts
/// and tests match on it; the message is for people and never holds personal data.
public struct DeadLetterError: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    /// Stable codes, safe to match on.
    public enum Code: String, Sendable, Equatable, CaseIterable, Codable {
        /// A selector or option is malformed (offset range, date, category, rate...).
        case invalidSelector = "dlq.invalid_selector"
        /// `--to-topic` names a topic that is not a request or retry topic of the catalogue, or an
        /// option value is out of range.
        case invalidOption = "dlq.invalid_option"
        /// A topic the operation needs does not exist on the cluster or in the catalogue.
        case topicMissing = "dlq.topic_missing"
        /// The cluster could not be read (consumer could not be created or reported a fatal error).
        case readFailed = "dlq.read_failed"
        /// The topics were not read to their end within the time allowed.
        case readTimedOut = "dlq.read_timed_out"
        /// No dead letter has this id (nor this request id).
        case notFound = "dlq.not_found"
        /// The producer could not be created.
        case producerFailed = "dlq.producer_failed"
        /// The replay-log entry could not be written after a successful republish; the run stops so
        /// that no further record is replayed without its log entry.
        case logWriteFailed = "dlq.log_write_failed"
        /// A purge was asked without `--confirm`.
        case confirmationRequired = "dlq.confirmation_required"
        /// The selection is empty: nothing to do.
        case nothingSelected = "dlq.nothing_selected"
    }

    public let code: Code
    /// A clear English explanation, without personal data.
    public let message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "[\(code.rawValue)] \(message)" }
}
