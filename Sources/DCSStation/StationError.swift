import Foundation

/// A failure of the station library, with a stable code.
///
/// Codes are safe to match on, to count in metrics and to show on a kiosk screen; messages never
/// carry payload values (ID numbers, phone numbers, names), only identifiers such as a request id,
/// a service id or a payload field name.
public struct StationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable, dotted codes of the station library.
    public enum Code: String, Sendable, Equatable, CaseIterable {
        /// A configuration value is missing or malformed (station id, ward, broker list, partitions...).
        case invalidConfiguration = "station.invalid_configuration"
        /// The service id is not in the service catalogue.
        case unknownService = "station.unknown_service"
        /// The payload is not a JSON object, or cannot be encoded.
        case invalidPayload = "station.invalid_payload"
        /// The payload lacks the field the service catalogue keys the request by (`partition_key`).
        case missingSubject = "station.missing_subject"
        /// No result arrived within the time the caller was willing to wait; the request stays in
        /// the outbox and its result is still stored when it arrives.
        case resultTimeout = "station.result_timeout"
        /// The request id was never submitted through this station's outbox.
        case unknownRequest = "station.unknown_request"
        /// The local SQLite outbox could not be opened, read or written.
        case storage = "station.storage"
        /// The Kafka clients could not be created, or the cluster could not be asked where a
        /// fresh station's reply partition ends.
        case kafka = "station.kafka"
        /// The client stopped while a caller was waiting for a result.
        case shutDown = "station.shut_down"
        /// A client of the same station is already attached to the station link (two clients
        /// would split its results between them).
        case alreadyRunning = "station.already_running"
    }

    /// What went wrong.
    public let code: Code
    /// A clear English explanation, free of personal data.
    public let message: String
    /// The request concerned, when there is one.
    public let requestID: UUID?

    public init(code: Code, message: String, requestID: UUID? = nil) {
        self.code = code
        self.message = message
        self.requestID = requestID
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
