import Foundation

/// The bounded hand-off between a consumer's poll thread and the application's task.
///
/// The poll thread waits (on its own thread, never on the cooperative pool) while the buffer is
/// full, so a slow application slows fetching instead of growing memory. Commands that must run
/// on the poll thread (seek) wake it too. One task reads events at a time.
final class ConsumerEventBuffer: @unchecked Sendable {
    // @unchecked Sendable: all state is guarded by `condition`.
    private let condition = NSCondition()
    private let capacity: Int
    private var events: [KafkaConsumerEvent] = []
    private var head = 0
    private var commands: [@Sendable () -> Void] = []
    private var reader: CheckedContinuation<KafkaConsumerEvent?, Never>?
    private var stopping = false
    private var finished = false

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    private var count: Int { events.count - head }

    // MARK: poll-thread side

    /// Blocks until there is room for another message, a command to run, or a stop request.
    /// Returns `false` once stopping.
    func waitForRoom() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while count >= capacity && commands.isEmpty && !stopping {
            _ = condition.wait(until: Date(timeIntervalSinceNow: 0.1))
        }
        return !stopping
    }

    var isStopping: Bool { condition.withLock { stopping } }

    func takeCommands() -> [@Sendable () -> Void] {
        condition.withLock {
            let taken = commands
            commands.removeAll()
            return taken
        }
    }

    /// Appends an event, handing it straight to a waiting reader when there is one.
    func push(_ event: KafkaConsumerEvent) {
        condition.lock()
        if let reader, count == 0 {
            self.reader = nil
            condition.unlock()
            reader.resume(returning: event)
            return
        }
        events.append(event)
        condition.unlock()
    }

    /// Drops buffered messages of these partitions (after a revoke or a seek they are stale).
    func discardMessages(of partitions: Set<KafkaTopicPartition>) {
        guard !partitions.isEmpty else { return }
        condition.withLock {
            let kept = events[head...].filter { event in
                if case .message(let message) = event { return !partitions.contains(message.topicPartition) }
                return true
            }
            events = Array(kept)
            head = 0
            condition.broadcast()
        }
    }

    /// Offset of the oldest buffered message of `partition`, if any.
    func firstMessageOffset(of partition: KafkaTopicPartition) -> Int64? {
        condition.withLock {
            for event in events[head...] {
                if case .message(let message) = event, message.partition == partition.partition, message.topic == partition.topic {
                    return message.offset
                }
            }
            return nil
        }
    }

    /// Ends the stream: the reader gets the remaining events, then `nil`.
    func finish() {
        condition.lock()
        finished = true
        let waiting = reader
        reader = nil
        condition.unlock()
        waiting?.resume(returning: nil)
    }

    // MARK: application side

    func requestStop() {
        condition.withLock {
            stopping = true
            condition.broadcast()
        }
    }

    func enqueueCommand(_ command: @escaping @Sendable () -> Void) -> Bool {
        condition.withLock {
            guard !stopping else { return false }
            commands.append(command)
            condition.broadcast()
            return true
        }
    }

    func next() async -> KafkaConsumerEvent? {
        switch popIfAvailable() {
        case .event(let event): return event
        case .ended: return nil
        case .empty: break
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<KafkaConsumerEvent?, Never>) in
                condition.lock()
                if let event = popLocked() {
                    condition.unlock()
                    continuation.resume(returning: event)
                    return
                }
                if finished || Task.isCancelled {
                    condition.unlock()
                    continuation.resume(returning: nil)
                    return
                }
                precondition(reader == nil, "KafkaConsumer events must be read by one task at a time")
                reader = continuation
                condition.unlock()
            }
        } onCancel: {
            let waiting: CheckedContinuation<KafkaConsumerEvent?, Never>? = condition.withLock {
                let waiting = reader
                reader = nil
                return waiting
            }
            waiting?.resume(returning: nil)
        }
    }

    private enum Availability { case event(KafkaConsumerEvent), ended, empty }

    private func popIfAvailable() -> Availability {
        condition.lock()
        defer { condition.unlock() }
        if let event = popLocked() { return .event(event) }
        return finished ? .ended : .empty
    }

    private func popLocked() -> KafkaConsumerEvent? {
        guard count > 0 else { return nil }
        let event = events[head]
        head += 1
        if head == events.count {
            events.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1_024 {
            events.removeFirst(head)
            head = 0
        }
        condition.signal()
        return event
    }
}

/// The events of a ``KafkaConsumer``, in order; ends when the consumer has closed.
public struct KafkaConsumerEvents: AsyncSequence, Sendable {
    public typealias Element = KafkaConsumerEvent
    let buffer: ConsumerEventBuffer

    public struct AsyncIterator: AsyncIteratorProtocol {
        let buffer: ConsumerEventBuffer
        public mutating func next() async -> KafkaConsumerEvent? { await buffer.next() }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(buffer: buffer) }
}
