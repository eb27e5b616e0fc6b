/// Bounded waits for tests: an awaited event that never comes fails the test instead of hanging.
enum TestTimeout {
    struct Expired: Error, CustomStringConvertible {
        let seconds: Double
        let what: String
        var description: String { "timed out after \(seconds) s waiting for \(what)" }
    }

    /// Runs `operation`, failing with ``Expired`` if it takes longer than `seconds`.
    static func run<T: Sendable>(
        _ seconds: Double = 10,
        _ what: String,
        _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                throw Expired(seconds: seconds, what: what)
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }
}
