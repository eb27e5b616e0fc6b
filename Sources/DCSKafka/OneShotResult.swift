import Foundation

/// Hands one result from a callback (on a librdkafka or poll thread) to one awaiting task,
/// whichever comes first: a delivery report to `send`, a seek's outcome to `seek`.
final class OneShotResult<Success: Sendable>: @unchecked Sendable {
    // @unchecked Sendable: state guarded by `lock`.
    private let lock = NSLock()
    private var result: Result<Success, KafkaError>?
    private var continuation: CheckedContinuation<Result<Success, KafkaError>, Never>?

    func complete(_ value: Result<Success, KafkaError>) {
        let waiting: CheckedContinuation<Result<Success, KafkaError>, Never>? = lock.withLock {
            if let continuation { self.continuation = nil; return continuation }
            result = value
            return nil
        }
        waiting?.resume(returning: value)
    }

    func value() async -> Result<Success, KafkaError> {
        await withCheckedContinuation { continuation in
            let ready: Result<Success, KafkaError>? = lock.withLock {
                if let result { return result }
                self.continuation = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
