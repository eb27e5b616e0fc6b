import DCSKafka
import Foundation

/// Follows a lane's records through the producer: which outbox rows were delivered (and may be
/// deleted), up to which source offset every answer is published, which records failed (and are
/// sent again), how many are still in flight.
final class DeliveryTracker: @unchecked Sendable {
    // @unchecked Sendable: all state is guarded by `lock`.
    private let lock = NSLock()
    private var inFlight = 0
    private var delivered: [Int64] = []
    private var failed: [OutboxRecord] = []
    /// Source offsets of answers handed to the producer and not yet acknowledged (failed ones
    /// included until a resend is acknowledged).
    private var unpublishedResults: Set<Int64> = []
    /// Every answer of source offsets below this was handed to the producer.
    private var sentThrough: Int64?
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    func sending(_ record: OutboxRecord) {
        lock.withLock {
            inFlight += 1
            if case .result(let offset) = record.origin { unpublishedResults.insert(offset) }
        }
    }

    func complete(_ record: OutboxRecord, _ result: Result<KafkaDeliveryReport, KafkaError>) {
        let waiters: [CheckedContinuation<Void, Never>] = lock.withLock {
            inFlight -= 1
            switch (result, record.origin) {
            case (.success, .outbox(let id)): delivered.append(id)
            case (.success, .result(let offset)): unpublishedResults.remove(offset)
            case (.failure, _): failed.append(record)
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

    /// Every answer of a source offset below `offset` has been handed to ``sending(_:)``.
    func sent(through offset: Int64) { lock.withLock { sentThrough = max(sentThrough ?? offset, offset) } }

    /// The source offset below which every answer is acknowledged by the broker, or nil before
    /// anything was sent.
    var publishedThrough: Int64? {
        lock.withLock {
            guard let sentThrough else { return nil }
            return min(unpublishedResults.min() ?? sentThrough, sentThrough)
        }
    }

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
