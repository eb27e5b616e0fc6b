import DCSKafka
import DCSWorkers
import Foundation
import GRDB
import Testing
@testable import DCSWorkerRuntime

/// Checkpoints follow the WAL's size: in the background from the threshold, inside a commit only
/// past four times it.
@Suite("Partition store WAL checkpoints")
struct WALCheckpointTests {
    private static let threshold = 16

    private static func store() throws -> PartitionStore {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dcs-wal-\(UUID().uuidString)/p.sqlite")
        return try PartitionStore.claim(
            owner: "worker-a", partition: KafkaTopicPartition(topic: "dcs.requests.utilities", partition: 0), url: url,
            handler: UtilitiesRequestHandler(), walAutocheckpointPages: threshold
        )
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
        let store = try Self.store()
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
        let store = try Self.store()
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
}
