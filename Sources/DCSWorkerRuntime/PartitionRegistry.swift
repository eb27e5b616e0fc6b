import DCSKafka
import Foundation

/// The partitions this process owns right now: their stores (claimed on assignment, on the
/// consumer's poll thread) and their lanes (started by the worker loop).
final class PartitionRegistry: @unchecked Sendable {
    // @unchecked Sendable: all state is guarded by `lock`.
    private let lock = NSLock()
    private var stores: [KafkaTopicPartition: PartitionStore] = [:]
    private var lanes: [KafkaTopicPartition: PartitionLane] = [:]

    func add(_ store: PartitionStore) { lock.withLock { stores[store.partition] = store } }

    /// Starts a lane for a claimed partition that has none yet; `nil` when the partition was
    /// revoked meanwhile or already has a lane.
    func startLane(for partition: KafkaTopicPartition, make: (PartitionStore) -> PartitionLane) -> PartitionLane? {
        lock.withLock {
            guard lanes[partition] == nil, let store = stores[partition] else { return nil }
            let lane = make(store)
            lanes[partition] = lane
            return lane
        }
    }

    func lane(for partition: KafkaTopicPartition) -> PartitionLane? { lock.withLock { lanes[partition] } }

    /// Forgets a partition; returns its lane (if one was started) for the caller to stop.
    func remove(_ partition: KafkaTopicPartition) -> PartitionLane? {
        lock.withLock {
            stores.removeValue(forKey: partition)
            return lanes.removeValue(forKey: partition)
        }
    }

    func removeAll() -> [PartitionLane] {
        lock.withLock {
            stores.removeAll()
            defer { lanes.removeAll() }
            return Array(lanes.values)
        }
    }

    var ownedPartitions: [Int32] { lock.withLock { stores.keys.map(\.partition).sorted() } }
}
