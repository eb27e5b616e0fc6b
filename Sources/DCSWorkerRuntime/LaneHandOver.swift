import DCSKafka
import DCSMessages
import Foundation

/// What a revoke needs of a lane it hands over (a protocol, so a test can stand in for lanes).
protocol HandedOverLane: Sendable {
    var partition: KafkaTopicPartition { get }
    /// Stops taking messages; `discardQueued` drops those not started (a lost partition).
    func close(discardQueued: Bool)
    /// Waits until the lane has finished (its batch applied, its results published or given up on),
    /// at most until `deadline`. Returns whether it finished.
    func waitUntilFinished(deadline: DispatchTime) -> Bool
}

/// Hands a revoked or lost set of partitions over on the consumer's poll thread.
enum LaneHandOver {
    /// Closes every lane first, so they all wind down at once, then waits for each against one
    /// deadline. A rebalance (the whole group waits for it) thus lasts as long as the slowest
    /// partition, at most `timeout`, instead of up to `timeout` for each partition in turn:
    /// twelve partitions whose results could not be delivered held it for minutes. Whatever a
    /// lane had not got acknowledged is published again by the next owner. Returns the
    /// partitions that did not finish in time.
    static func stop(_ lanes: [any HandedOverLane], discardQueued: Bool, timeout: Duration) -> [KafkaTopicPartition] {
        for lane in lanes { lane.close(discardQueued: discardQueued) }
        let deadline = DispatchTime.now() + timeout.inSeconds
        return lanes.filter { !$0.waitUntilFinished(deadline: deadline) }.map(\.partition)
    }
}

extension PartitionLane: HandedOverLane {
    var partition: KafkaTopicPartition { store.partition }

    func close(discardQueued: Bool) { queue.close(discardQueued: discardQueued) }

    func waitUntilFinished(deadline: DispatchTime) -> Bool { finished.wait(timeout: deadline) == .success }
}
