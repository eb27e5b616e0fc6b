import DCSKafka
import Foundation
import Synchronization
import Testing
@testable import DCSWorkerRuntime

/// A revoke stops every lane at once and waits for them against one deadline, so a rebalance
/// (which the whole group waits for) lasts as long as the slowest partition, not the sum.
@Suite("Handing partitions over")
struct LaneHandOverTests {
    /// What the fake lanes of one test were asked, in order.
    final class Record: Sendable {
        let journal = Mutex<[String]>([])
        let deadlines = Mutex<[DispatchTime]>([])
    }

    /// A lane that records what is asked of it and finishes, or not, as told.
    final class FakeLane: HandedOverLane {
        let partition: KafkaTopicPartition
        let finishes: Bool
        let record: Record

        init(_ number: Int32, finishes: Bool, record: Record) {
            partition = KafkaTopicPartition(topic: "dcs.requests.utilities", partition: number)
            self.finishes = finishes
            self.record = record
        }

        func close(discardQueued: Bool) {
            record.journal.withLock { $0.append("close \(partition.partition)\(discardQueued ? " discarding" : "")") }
        }

        func waitUntilFinished(deadline: DispatchTime) -> Bool {
            record.journal.withLock { $0.append("wait \(partition.partition)") }
            record.deadlines.withLock { $0.append(deadline) }
            return finishes
        }
    }

    @Test(arguments: [false, true])
    func everyLaneIsClosedBeforeAnyIsWaitedForAndAllShareOneDeadline(_ lost: Bool) {
        let record = Record()
        let lanes = (0..<4).map { FakeLane(Int32($0), finishes: $0 != 2, record: record) }
        let before = DispatchTime.now()
        let late = LaneHandOver.stop(lanes, discardQueued: lost, timeout: .seconds(20))
        #expect(late.map(\.partition) == [2], "the one that did not finish is reported")
        let suffix = lost ? " discarding" : ""
        #expect(record.journal.withLock { $0 } == (0..<4).map { "close \($0)\(suffix)" } + (0..<4).map { "wait \($0)" })
        let given = record.deadlines.withLock { $0 }
        #expect(Set(given.map(\.uptimeNanoseconds)).count == 1, "one deadline for all")
        let offset = Int64(given[0].uptimeNanoseconds) - Int64(before.uptimeNanoseconds)
        #expect(offset >= 20_000_000_000 && offset < 40_000_000_000, "the drain timeout from the start, once: \(offset) ns")
    }
}
