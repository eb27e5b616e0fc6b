import DCSKafka
import DCSMessages
import Foundation

/// One message the simulator sends, with what it expects back.
public struct PlannedRequest: Sendable {
    /// What the simulator expects as the request's outcome.
    public enum Expectation: Sendable, Hashable {
        /// A valid request: completed, or a business rejection the simulator cannot foresee
        /// (e.g. nothing due because an earlier request paid the last bill).
        case valid
        /// A typed rejection with this code.
        case rejected(code: String)
        /// A message too broken to answer: only a dead-letter record.
        case deadLetter
    }

    /// Correlates the outcome: the request id, or for undecodable messages the key.
    public let correlation: String
    public let serviceID: String
    public let message: KafkaProducerMessage
    public let expectation: Expectation
    /// A resend of an earlier request (same request id): its outcome must equal the first one's.
    public let isResend: Bool
}
