/// An error of the observability server, with a stable code for logs and tests.
public struct ObservabilityError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable error codes.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The server could not start or failed while running (e.g. the port is taken).
        case serverFailed = "observability.server_failed"
        /// The server stopped (or was never started and then stopped) so it has no bound port.
        case serverStopped = "observability.server_stopped"
        /// `run()` was called a second time on the same server.
        case alreadyStarted = "observability.already_started"
        /// The waiting task was cancelled.
        case cancelled = "observability.cancelled"
    }

    /// The stable code.
    public let code: Code
    /// Human-readable detail.
    public let message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
