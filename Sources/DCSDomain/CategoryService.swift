import DCSMessages
import DCSSchema
import GRDB

/// One category's business logic, independent of Kafka: the worker runtime calls it inside the
/// per-partition SQLite transaction that also holds the deduplication record and the consumed
/// position, which is what makes its effects exactly once.
///
/// Implementations must not open connections or transactions of their own.
public protocol CategoryService: Sendable {
    /// The category served.
    static var category: ServiceCategory { get }

    /// The service ids answered, `category.service.action`.
    static var serviceIDs: [String] { get }

    /// Registers the domain's tables (named migrations, never edited once shipped). Table names
    /// carry the category as a prefix: they share the runtime's per-partition database.
    static func registerMigrations(_ migrator: inout DatabaseMigrator)

    /// Applies one request and returns the result data.
    ///
    /// - Throws: ``DomainRejection`` for a business-rule violation or a malformed payload (the
    ///   request is answered `rejected`); any other error means it could not be handled at all
    ///   (its writes are rolled back and it is dead-lettered).
    func handle(_ request: DomainRequest, db: Database) throws -> [String: JSONValue]
}
