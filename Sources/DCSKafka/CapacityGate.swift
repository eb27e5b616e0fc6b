import Foundation

/// Lets producers wait for room in librdkafka's local queue without polling a timer.
///
/// Every delivery report advances a generation counter; a sender that found the queue full waits
/// until the generation moves past the one it saw before trying, so a wake-up between its
/// attempt and its wait is never missed.
final class CapacityGate: @unchecked Sendable {
    // @unchecked Sendable: all state is guarded by `lock`.
    private let lock = NSLock()
    private var generation: UInt64 = 0
    private var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    private var nextWaiterID: UInt64 = 0

    var currentGeneration: UInt64 { lock.withLock { generation } }

    /// Called from librdkafka's poll thread on each delivery report.
    func advance() {
        let toResume: [CheckedContinuation<Void, Never>] = lock.withLock {
            generation &+= 1
            guard !waiters.isEmpty else { return [] }
            let all = Array(waiters.values)
            waiters.removeAll()
            return all
        }
        for waiter in toResume { waiter.resume() }
    }

    /// Returns once the generation differs from `seen`, or the task is cancelled.
    func wait(after seen: UInt64) async {
        let id: UInt64 = lock.withLock { nextWaiterID &+= 1; return nextWaiterID }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = lock.withLock { () -> Bool in
                    if generation != seen || Task.isCancelled { return true }
                    waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = lock.withLock { waiters.removeValue(forKey: id) }
            waiter?.resume()
        }
    }
}
