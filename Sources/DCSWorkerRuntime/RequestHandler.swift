import DCSMessages
import DCSSchema
import Foundation
import GRDB

/// A category's business logic, run by the worker runtime inside its per-partition SQLite
/// transaction, together with the deduplication record and the consumed position.
///
/// Implementations must not open connections or transactions of their own: everything they write
/// through `db` commits or rolls back with the runtime's batch, which is what makes effects exactly
/// once under redelivery.
public protocol RequestHandler: Sendable {
    /// The category whose request topic this handler serves.
    var category: ServiceCategory { get }

    /// Registers the handler's schema migrations (named, never edited once shipped).
    func registerMigrations(_ migrator: inout DatabaseMigrator)

    /// Applies one request. A business rule violation is a ``HandlerOutcome/rejected(_:data:)``
    /// outcome, not an error; a thrown error means the request could not be handled at all (the
    /// handler's writes for it are rolled back and it is dead-lettered).
    func handle(_ request: RequestEnvelope, now: Date, db: Database) throws -> HandlerOutcome
}

/// The answer to a request, sent to the station that asked. Its data may come as members or
/// already written (``ResultData``); a handler answering at high rates writes it directly.
public enum HandlerOutcome: Sendable, Equatable {
    case completed(data: ResultData?)
    case rejected(ResultError, data: ResultData? = nil)
}
