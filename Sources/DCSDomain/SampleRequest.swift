import DCSSchema
import Foundation

/// A request a simulated station can send, with the outcome it should get: how `dcs up` and the
/// tests exercise every service with valid and invalid input.
public struct SampleRequest: Sendable, Equatable {
    /// What the station expects back.
    public enum Expectation: Sendable, Hashable {
        /// Completed, or a rejection that only the system of record's state can explain (e.g. a
        /// slot taken by an earlier booking).
        case valid
        /// A typed rejection with exactly this code.
        case rejected(code: String)
    }

    /// `category.service.action`.
    public let serviceID: String
    /// The request body.
    public let payload: [String: JSONValue]
    /// What the request acts on, in normalised form: the station keys the message with its HMAC,
    /// so every request on one subject reaches the same partition (the service catalogue's
    /// `partition_key` says which field it is).
    public let subject: String
    public let expectation: Expectation

    public init(serviceID: String, payload: [String: JSONValue], subject: String, expectation: Expectation) {
        self.serviceID = serviceID
        self.payload = payload
        self.subject = subject
        self.expectation = expectation
    }
}

/// A category's source of sample requests, deterministic in `index` (the same index gives the same
/// request in every process, from the same synthetic data the worker answers from).
public protocol SampleTraffic: Sendable {
    /// The service ids it can produce, `category.service.action`.
    var serviceIDs: [String] { get }
    /// A request the service should accept (see ``SampleRequest/Expectation/valid``).
    func valid(_ serviceID: String, index: Int, now: Date) -> SampleRequest
    /// A request that breaks one of the service's rules, with the code it must be rejected with.
    /// Successive indexes should cycle through the service's different rules.
    func invalid(_ serviceID: String, index: Int, now: Date) -> SampleRequest
}
