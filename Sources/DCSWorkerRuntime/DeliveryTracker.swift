import DCSKafka
import Foundation

/// Follows a lane's outbox records through the producer: which were delivered (and may be deleted
/// from the outbox), which failed (and are sent again), how many are still in flight.
final class DeliveryTracker: @unchecked Sendable {
    // @unchecked Sendable: all state is guarded by `lock`.
    private let lock = NSLock()
    private var inFlight = 0
    private var delivered: [Int64] = []
    private var failed: [OutboxRecord] = []
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    func sending() { lock.withLock { inFlight += 1 } }

    func complete(_ record: OutboxRecord, _ result: Result<KafkaDeliveryReport, KafkaError>) {
        let waiters: [CheckedContinuation<Void, Never>] = lock.withLock {
            inFlight -= 1
            switch result {
            case .success: delivered.append(record.id)
            case .failure: failed.append(record)
            }
            guard inFlight == 0 else { return [] }
            let all = idleWaiters
            idleWaiters.removeAll()
            return all
        }
        for waiter in waiters { waiter.resume() }
    }

    /// A record handed to the producer that it refused: not in flight any more.
    func refused(_ record: OutboxRecord) { complete(record, .failure(KafkaError(code: .shutDown, message: "refused"))) }

    func takeDelivered() -> [Int64] { lock.withLock { defer { delivered.removeAll() }; return delivered } }
    func restoreDelivered(_ ids: [Int64]) { lock.withLock { delivered.append(contentsOf: ids) } }
    func takeFailed() -> [OutboxRecord] { lock.withLock { defer { failed.removeAll() }; return failed } }

    /// Waits until nothing is in flight, or `timeout` passes.
    func waitUntilIdle(timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let idle = self.lock.withLock { () -> Bool in
                        if self.inFlight == 0 { return true }
                        self.idleWaiters.append(continuation)
                        return false
                    }
                    if idle { continuation.resume() }
                }
            }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
            // Release a waiter left behind by the timeout.
            let waiters: [CheckedContinuation<Void, Never>] = lock.withLock {
                defer { idleWaiters.removeAll() }
                return idleWaiters
            }
            for waiter in waiters { waiter.resume() }
        }
    }
}
