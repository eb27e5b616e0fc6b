/// A failure that may go away by itself: a downstream system (EVN, PayGov, the population
/// database...) is unavailable or too slow. The worker runtime retries such a request, first in
/// process with backoff, then through the delayed retry topics, and dead-letters it only when every
/// tier failed (`retries_exhausted`). Any other error a handler throws is a crash: dead-lettered at once.
public protocol TransientFailure: Error {
    /// Stable code, e.g. `downstream.unavailable`, counted in metrics and kept in dead letters.
    var reasonCode: String { get }
}
