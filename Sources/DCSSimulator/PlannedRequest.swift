import DCSKafka
import DCSMessages
import DCSSchema
import Foundation

/// One message the simulator sends, with what it expects back.
public struct PlannedRequest: Sendable {
    /// What the simulator expects as the request's outcome.
    public enum Expectation: Sendable, Hashable {
        /// A valid request: completed, or a business rejection the simulator cannot foresee
        /// (e.g. nothing due because an earlier request paid the last bill).
        case valid
        /// A typed rejection with this code (or the station library refusing it before it leaves).
        case rejected(code: String)
        /// A message too broken to answer: only a dead-letter record.
        case deadLetter
    }

    /// What a kiosk's software hands the station library: the service and the payload in clear.
    public struct Submission: Sendable {
        public let station: StationID
        public let serviceID: String
        public let payload: [String: JSONValue]
    }

    /// Correlates the outcome: the request id, or for undecodable messages the key.
    public let correlation: String
    public let serviceID: String
    /// The record as a station would publish it (unsigned): what the simulator sends itself when it
    /// plays the stations without the library (the benchmark), and for broken envelopes, which the
    /// library never makes.
    public let message: KafkaProducerMessage
    public let expectation: Expectation
    /// A resend of an earlier request (same request id): its outcome must equal the first one's.
    public let isResend: Bool
    /// What the library submits for this request; `nil` for broken envelopes.
    public let submission: Submission?

    /// The same request, correlated by the id the station library gave it.
    func correlated(_ correlation: String) -> PlannedRequest {
        PlannedRequest(correlation: correlation, serviceID: serviceID, message: message, expectation: expectation, isResend: isResend, submission: submission)
    }
}
