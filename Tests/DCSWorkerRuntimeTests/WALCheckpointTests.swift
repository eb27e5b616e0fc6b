import DCSKafka
import DCSTestSupport
import DCSWorkers
import Foundation
import GRDB
import Testing
@testable import DCSWorkerRuntime

/// Checkpoints follow the WAL: in the background once the threshold's worth of frames is not yet
/// copied, one partition of a process at a time; the next commit copies what such a checkpoint
/// left, so the log starts over; inside a commit otherwise only past four times the threshold.
@Suite("Partition store WAL checkpoints")
struct WALCheckpointTests {
    private static let threshold = 16

    /// Where this test's stores live; removed after the test.
    private let scratch = TemporaryDirectory("dcs-wal")

    private func store(
        partition: Int32 = 0, threshold: Int = threshold, gate: CheckpointGate = CheckpointGate()
    ) throws -> PartitionStore {
        let url = scratch.appending("p\(partition)-\(UUID().uuidString).sqlite")
        return try PartitionStore.claim(
            owner: "worker-a", partition: KafkaTopicPartition(topic: "dcs.requests.utilities", partition: partition), url: url,
            handler: UtilitiesRequestHandler(), walAutocheckpointPages: threshold, checkpointGate: gate
        )
    }

    private static func fillToThreshold(_ store: PartitionStore) throws {
        var commits = 0
        while store.walPages < store.checkpointPages {
            try commitSomePages(store)
            commits += 1
            try #require(commits < 1_000)
        }
    }

    /// A connection of its own holding a read transaction open on the store's file: as a
    /// writer's commits during a background checkpoint do, it keeps the frames after its
    /// snapshot out of that checkpoint.
    private final class SnapshotHolder {
        private let queue: DatabaseQueue
        init(_ store: PartitionStore) throws {
            var configuration = Configuration()
            configuration.allowsUnsafeTransactions = true  // the point: a transaction left open
            queue = try DatabaseQueue(path: store.pool.path, configuration: configuration)
            try queue.inDatabase { db in
                try db.beginTransaction(.deferred)
                _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox")
            }
        }
        func release() throws { try queue.inDatabase { try $0.commit() } }
    }

    /// One commit of a few pages: two outbox rows of 6 KB each.
    private static func commitSomePages(_ store: PartitionStore) throws {
        try store.pool.write { db in
            for _ in 0..<2 {
                try db.execute(
                    sql: "INSERT INTO outbox (topic, partition, key, value, headers) VALUES ('t', 0, NULL, ?, '[]')",
                    arguments: [Data(repeating: 0x61, count: 6_000)]
                )
            }
        }
    }

    @Test func aBackgroundCheckpointStartsAtTheThresholdAndTheLogStartsOver() async throws {
        let store = try store()
        var commits = 0
        while store.walPages < Self.threshold {
            #expect(!store.checkpointInBackground(), "below the threshold at \(store.walPages) pages")
            try Self.commitSomePages(store)
            commits += 1
            try #require(commits < 100)
        }
        let grown = store.walPages
        #expect(store.checkpointInBackground())
        try await store.waitForBackgroundCheckpoint()
        // Every frame was copied, so the next commit writes the log from its start again.
        try Self.commitSomePages(store)
        #expect(store.walPages < grown)
        #expect(store.walPages < Self.threshold)
        #expect(!store.checkpointInBackground())
    }

    @Test func withoutBackgroundCheckpointsACommitCheckpointsPastFourTimesTheThreshold() throws {
        let store = try store()
        var sizes: [Int] = []
        for _ in 0..<40 {
            try Self.commitSomePages(store)
            sizes.append(store.walPages)
        }
        let perCommit = sizes[0]
        #expect(perCommit > 0)
        // It grew past four times the threshold once, was checkpointed by that commit, and the
        // next commit started the log over.
        #expect(sizes.max()! >= 4 * Self.threshold)
        #expect(sizes.max()! < 4 * Self.threshold + perCommit)
        #expect(zip(sizes, sizes.dropFirst()).contains { $0 > $1 })
    }

    @Test func partitionsSharingAGateCheckpointOneAtATime() async throws {
        let gate = CheckpointGate()
        let first = try store(partition: 0, gate: gate), second = try store(partition: 1, gate: gate)
        try Self.fillToThreshold(first)
        try Self.fillToThreshold(second)
        // Hold the gate as a running checkpoint would: neither partition may start one.
        #expect(gate.tryEnter())
        #expect(!first.checkpointInBackground())
        #expect(!second.checkpointInBackground())
        gate.leave()

        // Keep the first partition's checkpoint from finishing until the second has tried.
        let release = DispatchSemaphore(value: 0)
        first.checkpointer.asyncWriteWithoutTransaction { _ in release.wait() }
        #expect(first.checkpointInBackground())
        #expect(!second.checkpointInBackground(), "the first partition's checkpoint holds the gate")
        release.signal()
        try await first.waitForBackgroundCheckpoint()
        // The gate is free again once the checkpoint has finished, and the second takes its turn.
        #expect(second.checkpointInBackground())
        try await second.waitForBackgroundCheckpoint()
        #expect(gate.tryEnter())
        gate.leave()
    }

    @Test func storesClaimedWithoutAGateDoNotWaitForEachOther() async throws {
        let first = try store(partition: 0), second = try store(partition: 1)
        try Self.fillToThreshold(first)
        try Self.fillToThreshold(second)
        #expect(first.checkpointInBackground())
        #expect(second.checkpointInBackground())
        try await first.waitForBackgroundCheckpoint()
        try await second.waitForBackgroundCheckpoint()
    }

    /// Under a steady load the log is never entirely copied by a background checkpoint (the
    /// writer commits while it runs), so the log's size stays over the threshold: the next
    /// checkpoint waits for as many new frames, not the next batch.
    @Test func aCheckpointIsNotStartedAgainForFramesAlreadyCopied() async throws {
        let store = try store()
        try Self.fillToThreshold(store)
        let snapshot = try SnapshotHolder(store)
        try Self.commitSomePages(store)
        #expect(store.checkpointInBackground())
        try await store.waitForBackgroundCheckpoint()
        #expect(store.walPages >= Self.threshold, "the frames after the snapshot were not copied: the log goes on")
        #expect(!store.checkpointInBackground(), "only \(store.walPages) frames, most of them copied already")
        var commits = 0
        repeat {
            try Self.commitSomePages(store)
            commits += 1
            try #require(commits < 100)
        } while !store.checkpointInBackground()
        try await store.waitForBackgroundCheckpoint()
        #expect(commits > 1)
        try snapshot.release()
    }

    /// What a background checkpoint could not copy, the next commit copies (a few frames), and the
    /// transaction after it starts the log over.
    @Test func aCommitFinishesTheBackgroundCheckpointAndTheLogStartsOver() async throws {
        let store = try store(threshold: 200)
        try Self.fillToThreshold(store)
        let snapshot = try SnapshotHolder(store)
        try Self.commitSomePages(store)
        #expect(store.checkpointInBackground())
        try await store.waitForBackgroundCheckpoint()
        try snapshot.release()
        let leftBehind = store.walPages
        try Self.commitSomePages(store)  // catches up
        #expect(store.walPages > leftBehind)
        try Self.commitSomePages(store)  // starts the log over
        #expect(store.walPages < leftBehind / 10, "the log started over: \(store.walPages) frames of \(leftBehind)")
    }
}
