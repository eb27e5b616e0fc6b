import DCSDomain
import DCSMessages
import DCSWorkerRuntime
import Foundation
import GRDB

/// Puts a category's synthetic downstream systems in front of its handler: when the switchboard
/// says the downstream of a service is down or too slow, the request fails with a
/// ``DownstreamUnavailable`` transient failure, which the runtime retries (in process, then through
/// the retry tiers) and finally dead-letters as `retries_exhausted`.
public struct DownstreamGatedHandler: RequestHandler {
    public let inner: any RequestHandler
    public let downstream: DownstreamFaults

    public init(_ inner: any RequestHandler, downstream: DownstreamFaults) {
        self.inner = inner
        self.downstream = downstream
    }

    public var category: ServiceCategory { inner.category }

    public func registerMigrations(_ migrator: inout DatabaseMigrator) {
        inner.registerMigrations(&migrator)
    }

    /// Validation and business rules run first, so a request that breaks them is rejected at once
    /// even during an outage; only an answer that needs the downstream (every completed one) calls
    /// it, and a failure there rolls the handler's writes back (the runtime runs it in a savepoint).
    public func handle(_ request: RequestEnvelope, now: Date, db: Database) throws -> HandlerOutcome {
        let outcome = try inner.handle(request, now: now, db: db)
        if case .completed = outcome { try downstream.call(request.serviceID.rawValue) }
        return outcome
    }
}
