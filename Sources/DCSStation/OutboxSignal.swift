import Synchronization

/// Wakes one of the client's loops: the sender when a request is appended, when a backoff pause
/// ends, when the client stops; the receiver's attach retries and the purge loop when the client
/// stops. Several notifications before the loop waits collapse into one (the loop re-reads its
/// state anyway), so a wake-up is never lost and never costs more than one extra read.
final class OutboxSignal: Sendable {
    private struct State {
        var pending = false
        var finished = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    /// Wakes the waiting loop, or the next wait.
    func notify() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.pending = true
            return nil
        }
        waiter?.resume()
    }

    /// Wakes the loop for good: every later wait returns at once.
    func finish() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.finished = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    var isFinished: Bool { state.withLock { $0.finished } }

    /// Returns after a notification (possibly one that came before the call), after ``finish()``,
    /// on cancellation, or after `timeout` when one is given. One waiter at a time.
    func wait(timeout: Duration? = nil) async {
        let timer = timeout.map { timeout in
            Task { [weak self] in
                try? await Task.sleep(for: timeout)
                if !Task.isCancelled { self?.notify() }
            }
        }
        defer { timer?.cancel() }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLock { state -> Bool in
                    if state.pending || state.finished || Task.isCancelled {
                        state.pending = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }
}
