/// Why a message ended in a dead-letter queue. Drives what an operator does with it: fix the
/// producer (undecodable, schema_invalid), fix the worker (handler_crash), wait out an outage
/// (retries_exhausted) or investigate (rejected_by_security).
public enum FailureClass: String, Sendable, Codable, Equatable, Hashable, CaseIterable {
    /// Not JSON, or not an envelope at all.
    case undecodable
    /// JSON that fails the topic's schema.
    case schemaInvalid = "schema_invalid"
    /// The handler threw or crashed on it.
    case handlerCrash = "handler_crash"
    /// Transient failures outlasted every retry tier.
    case retriesExhausted = "retries_exhausted"
    /// Refused by a security check (signature, replay, rate limit).
    case rejectedBySecurity = "rejected_by_security"
}
