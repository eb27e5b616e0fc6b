import Foundation

/// How a worker retries a request whose handler failed transiently (``TransientFailure``).
///
/// First a few attempts in process, with exponential backoff and jitter, inside the batch: cheap
/// for a blip. Then the request goes to the category's delayed retry topics, one tier after the
/// other (the catalogue's ladder, 10 s, 1 min, 10 min), so an outage never blocks its source
/// partition; when the last tier fails too it is dead-lettered as `retries_exhausted` and its
/// station is told the request is under review.
public struct RetryPolicy: Sendable, Equatable {
    /// Handler attempts in process before the request goes to a retry tier. Default 3.
    public var inProcessAttempts: Int
    /// Backoff before the second in-process attempt; doubled for each later one. Default 50 ms.
    public var initialBackoff: Duration
    /// Longest in-process backoff. Default 400 ms.
    public var maximumBackoff: Duration
    /// Fraction of each backoff drawn at random (0...1), so that workers do not retry in step. Default 0.5.
    public var jitter: Double
    /// Delays of the retry tiers, overriding the catalogue's (tests use short ones). Default nil: the catalogue's.
    public var tierDelays: [Duration]?

    public init(
        inProcessAttempts: Int = 3, initialBackoff: Duration = .milliseconds(50), maximumBackoff: Duration = .milliseconds(400),
        jitter: Double = 0.5, tierDelays: [Duration]? = nil
    ) {
        self.inProcessAttempts = max(1, inProcessAttempts)
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.jitter = min(1, max(0, jitter))
        self.tierDelays = tierDelays
    }

    /// The pause after failed attempt `attempt` (1-based): `initial * 2^(attempt-1)`, capped, with
    /// the jittered share drawn from `random` (0..<1).
    public func backoff(after attempt: Int, random: Double = Double.random(in: 0..<1)) -> Duration {
        var delay = initialBackoff
        for _ in 1..<max(1, attempt) where delay < maximumBackoff { delay *= 2 }
        delay = min(delay, maximumBackoff)
        return delay * (1 - jitter) + delay * (jitter * random)
    }
}

/// One rung of a category's retry ladder.
struct RetryTier: Sendable, Equatable {
    /// `dcs.retry.<category>.<name>`.
    let topic: String
    /// The tier's suffix, e.g. `10s`, for metrics.
    let name: String
    /// How long a request waits in this tier before it goes back to its request topic.
    let delay: Duration
}
