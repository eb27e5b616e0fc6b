import GRDB

extension Database {
    /// Runs `body` in a savepoint of the current transaction: everything it wrote is rolled back
    /// if it throws, and the error is rethrown.
    ///
    /// GRDB's `inSavepoint` prepares its `SAVEPOINT` and `RELEASE` statements on every call; this
    /// runs once per request, so the statements are cached per connection instead.
    func inRequestSavepoint<T>(_ body: () throws -> T) throws -> T {
        precondition(isInsideTransaction, "a request savepoint belongs inside the batch transaction")
        try cachedStatement(sql: "SAVEPOINT dcs_request").execute()
        let value: T
        do {
            value = try body()
        } catch {
            // When SQLite already rolled the whole transaction back (a full disk, an I/O error),
            // there is no savepoint left to go back to; the caller's error is the one that matters.
            if isInsideTransaction {
                try? cachedStatement(sql: "ROLLBACK TRANSACTION TO SAVEPOINT dcs_request").execute()
                try? cachedStatement(sql: "RELEASE SAVEPOINT dcs_request").execute()
            }
            throw error
        }
        try cachedStatement(sql: "RELEASE SAVEPOINT dcs_request").execute()
        return value
    }
}
