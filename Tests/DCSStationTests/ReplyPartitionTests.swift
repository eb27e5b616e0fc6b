import DCSMessages
@testable import DCSStation
import Testing

@Suite("Reply partition")
struct ReplyPartitionTests {
    @Test func fnv1aMatchesTheReferenceVectors() {
        // Published FNV-1a 32-bit test vectors.
        #expect(ReplyPartition.fnv1a32("".utf8) == 0x811C_9DC5)
        #expect(ReplyPartition.fnv1a32("a".utf8) == 0xE40C_292C)
        #expect(ReplyPartition.fnv1a32("foobar".utf8) == 0xBF9C_F968)
    }

    @Test func aStationAlwaysGetsTheSamePartition() throws {
        let station = try StationID("ST-27097-01")
        let expected = Int(ReplyPartition.fnv1a32(Array("ST-27097-01".utf8)) % 24)
        #expect(ReplyPartition.of(station, partitions: 24) == expected)
        // Fixed value: a change of hash would silently move every kiosk to another partition.
        #expect(ReplyPartition.of(station, partitions: 24) == 10)
        for _ in 0..<10 { #expect(ReplyPartition.of(station, partitions: 24) == expected) }
        #expect((0..<24).contains(ReplyPartition.of(station, partitions: 24)))
    }

    @Test func aFleetSpreadsOverEveryPartition() throws {
        var perPartition = [Int](repeating: 0, count: 24)
        for ward in ["27097", "26740", "27118", "26732"] {
            for index in 1...500 {
                let station = try StationID("ST-\(ward)-\(String(format: "%03d", index))")
                perPartition[ReplyPartition.of(station, partitions: 24)] += 1
            }
        }
        #expect(perPartition.allSatisfy { $0 > 0 })
        // 2,000 stations over 24 partitions: about 83 each; FNV-1a keeps every partition within a factor of 2.
        #expect(perPartition.max()! < 2 * 2000 / 24)
        #expect(perPartition.min()! > 2000 / 24 / 2)
    }
}
