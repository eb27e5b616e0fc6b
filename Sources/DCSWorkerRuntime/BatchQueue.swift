import Foundation

/// A bounded FIFO between the task that routes consumed messages and a partition's lane.
///
/// `push` waits while the queue is full (back-pressure up to the consumer); `nextBatch` waits for
/// at least one element and returns up to `max` at once, so a busy lane applies many messages per
/// transaction and an idle one answers a single message immediately.
final class BatchQueue<Element: Sendable>: @unchecked Sendable {
    // @unchecked Sendable: all state is guarded by `lock`.
    private let lock = NSLock()
    private let capacity: Int
    private var elements: [Element] = []
    private var head = 0
    private var closed = false
    private var reader: CheckedContinuation<Void, Never>?
    private var writers: [CheckedContinuation<Void, Never>] = []

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    private var count: Int { elements.count - head }

    /// Appends, waiting for room; returns `false` (dropping the element) once the queue is closed.
    @discardableResult
    func push(_ element: Element) async -> Bool {
        while true {
            let state: (accepted: Bool?, wake: CheckedContinuation<Void, Never>?) = lock.withLock {
                if closed { return (false, nil) }
                guard count < capacity else { return (nil, nil) }
                elements.append(element)
                let wake = reader
                reader = nil
                return (true, wake)
            }
            state.wake?.resume()
            if let accepted = state.accepted { return accepted }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = lock.withLock { () -> Bool in
                    if closed || count < capacity { return true }
                    writers.append(continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        }
    }

    /// Up to `max` elements, waiting for at least one; `nil` once closed and empty.
    func nextBatch(max: Int) async -> [Element]? {
        while true {
            let taken: (batch: [Element]?, done: Bool, writers: [CheckedContinuation<Void, Never>]) = lock.withLock {
                if count > 0 {
                    let end = min(elements.count, head + max)
                    let batch = Array(elements[head..<end])
                    head = end
                    if head == elements.count {
                        elements.removeAll(keepingCapacity: true)
                        head = 0
                    }
                    let toWake = writers
                    writers.removeAll()
                    return (batch, false, toWake)
                }
                return (nil, closed, [])
            }
            for writer in taken.writers { writer.resume() }
            if let batch = taken.batch { return batch }
            if taken.done { return nil }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = lock.withLock { () -> Bool in
                    if closed || count > 0 { return true }
                    reader = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        }
    }

    /// No more pushes; the reader gets what is queued (or nothing, with `discardQueued`), then `nil`.
    func close(discardQueued: Bool = false) {
        let wake: (CheckedContinuation<Void, Never>?, [CheckedContinuation<Void, Never>]) = lock.withLock {
            closed = true
            if discardQueued {
                elements.removeAll()
                head = 0
            }
            let r = reader
            reader = nil
            let w = writers
            writers.removeAll()
            return (r, w)
        }
        wake.0?.resume()
        for writer in wake.1 { writer.resume() }
    }
}
