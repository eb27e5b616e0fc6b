import Synchronization

/// Opens once, when the station's reply consumer has a known position on its reply partition;
/// the sender waits for it, so no request goes out before the station can see its answer.
final class ReadyLatch: Sendable {
    private struct State {
        var open = false
        var closed = false
        var waiters: [Int: CheckedContinuation<Bool, Never>] = [:]
        var nextToken = 0
    }

    private let state = Mutex(State())

    var isOpen: Bool { state.withLock { $0.open } }

    /// Opens the latch: current and later waits return `true`.
    func open() { release(open: true) }

    /// Gives up (the client stops): current and later waits return `false` unless it was open.
    func close() { release(open: false) }

    private func release(open: Bool) {
        let waiters = state.withLock { state -> [CheckedContinuation<Bool, Never>] in
            if open { state.open = true } else { state.closed = true }
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        let value = state.withLock { $0.open }
        for waiter in waiters { waiter.resume(returning: value) }
    }

    /// `true` once open; `false` when closed first or the task is cancelled.
    func wait() async -> Bool {
        let token = state.withLock { state -> Int in
            state.nextToken += 1
            return state.nextToken
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let now = state.withLock { state -> Bool? in
                    if state.open { return true }
                    if state.closed || Task.isCancelled { return false }
                    state.waiters[token] = continuation
                    return nil
                }
                if let now { continuation.resume(returning: now) }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: token) }
            waiter?.resume(returning: false)
        }
    }
}
