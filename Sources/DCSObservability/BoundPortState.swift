import Synchronization

/// The port an ``ObservabilityServer`` listens on, once known, and the tasks waiting for it.
///
/// Goes from `pending` to `bound` when the listener is up, and to `finished` when the server
/// stops; every waiter is resumed exactly once, by whichever comes first of the port, the end of
/// the server or its own cancellation.
final class BoundPortState: Sendable {
    private typealias Waiter = CheckedContinuation<Result<Int, ObservabilityError>, Never>

    private enum Phase {
        case pending(waiters: [UInt64: Waiter])
        case bound(Int)
        case finished(ObservabilityError)
    }

    private struct State {
        var phase: Phase = .pending(waiters: [:])
        var nextWaiterID: UInt64 = 0
        var runCalled = false
    }

    private let state = Mutex(State())

    /// Claims the single `run()`; `false` if it was already claimed.
    func claimRun() -> Bool {
        state.withLock { state in
            if state.runCalled { return false }
            state.runCalled = true
            return true
        }
    }

    /// The listener is up on `port`.
    func bind(_ port: Int) {
        let waiters: [UInt64: Waiter] = state.withLock { state in
            guard case .pending(let waiters) = state.phase else { return [:] }
            state.phase = .bound(port)
            return waiters
        }
        for waiter in waiters.values { waiter.resume(returning: .success(port)) }
    }

    /// The server ended; waiters and later callers get `error`.
    func finish(_ error: ObservabilityError) {
        let waiters: [UInt64: Waiter] = state.withLock { state in
            let waiters: [UInt64: Waiter]
            if case .pending(let pending) = state.phase { waiters = pending } else { waiters = [:] }
            if case .finished = state.phase { return waiters }
            state.phase = .finished(error)
            return waiters
        }
        for waiter in waiters.values { waiter.resume(returning: .failure(error)) }
    }

    /// The port, waiting for it if the server is still starting.
    func port() async throws(ObservabilityError) -> Int {
        let id = state.withLock { state in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        let result: Result<Int, ObservabilityError> = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: Waiter) in
                let immediate: Result<Int, ObservabilityError>? = state.withLock { state in
                    switch state.phase {
                    case .bound(let port):
                        return .success(port)
                    case .finished(let error):
                        return .failure(error)
                    case .pending(var waiters):
                        // Cancelled before we registered: the handler already ran and found
                        // nothing to resume, so answer now instead of waiting forever.
                        if Task.isCancelled {
                            return .failure(ObservabilityError(code: .cancelled, message: "cancelled while waiting for the bound port"))
                        }
                        waiters[id] = continuation
                        state.phase = .pending(waiters: waiters)
                        return nil
                    }
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter: Waiter? = state.withLock { state in
                guard case .pending(var waiters) = state.phase, let waiter = waiters.removeValue(forKey: id) else {
                    return nil
                }
                state.phase = .pending(waiters: waiters)
                return waiter
            }
            waiter?.resume(returning: .failure(ObservabilityError(code: .cancelled, message: "cancelled while waiting for the bound port")))
        }
        return try result.get()
    }
}
