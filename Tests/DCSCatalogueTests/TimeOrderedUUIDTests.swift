import DCSMessages
import Foundation
import Testing

/// Version 7 request ids (RFC 9562): time first, so the workers' request-id indexes are appended to.
@Suite("Time-ordered UUIDs")
struct TimeOrderedUUIDTests {
    /// Fixed "random" bits, so the layout can be checked byte by byte.
    struct Pinned: RandomNumberGenerator {
        var values: [UInt64]
        mutating func next() -> UInt64 { values.removeFirst() }
    }

    @Test func theLayoutIsRFC9562Version7() {
        // 2025-11-15T09:46:40.123Z = 1,763,200,000,123 ms = 0x019A_86E8_E07B.
        var bits = Pinned(values: [0xFFFF_FFFF_FFFF_FFFF, 0xFFFF_FFFF_FFFF_FFFF])
        let all = UUID.timeOrdered(at: Date(timeIntervalSince1970: 1_763_200_000.123), using: &bits)
        #expect(all.lowercasedString == "019a86e8-e07b-7fff-bfff-ffffffffffff")
        var zeros = Pinned(values: [0, 0])
        let none = UUID.timeOrdered(at: Date(timeIntervalSince1970: 1_763_200_000.123), using: &zeros)
        #expect(none.lowercasedString == "019a86e8-e07b-7000-8000-000000000000")
        #expect(all.timeOrderedMilliseconds == 1_763_200_000_123)
        #expect(UUID(uuidString: "5b0e7c1a-3f2d-4c6b-9a8e-1d2c3b4a5f60")!.timeOrderedMilliseconds == nil, "a version 4 id carries no time")
    }

    @Test func laterIdsSortAfterEarlierOnesAndNoTwoAreEqual() throws {
        let start = Date(timeIntervalSince1970: 1_763_200_000)
        var previous = ""
        var seen = Set<UUID>()
        // Two milliseconds apart: a date a whole number of milliseconds after the epoch may read
        // as a hair less in binary floating point, and so as the millisecond before.
        for step in 0..<2_000 {
            let id = UUID.timeOrdered(at: start.addingTimeInterval(Double(step) * 0.002))
            #expect(id.lowercasedString > previous, "ids of later milliseconds sort after earlier ones, as text and in an index")
            previous = id.lowercasedString
            #expect(seen.insert(id).inserted)
            // And the wire form is the canonical one every worker parses.
            #expect(UUID(lowercasedString: id.lowercasedString) == id)
        }
        let sameMillisecond = (0..<1_000).map { _ in UUID.timeOrdered(at: start) }
        #expect(Set(sameMillisecond).count == 1_000, "74 random bits tell ids of one millisecond apart")
    }

    @Test func requestsAndStationsGetTimeOrderedIds() {
        let request = RequestEnvelope(
            stationID: StationID(rawValue: "ST-27097-01")!, wardCode: WardCode(rawValue: "27097")!,
            serviceID: ServiceID(rawValue: "utilities.electricity.lookup")!)
        let now = UInt64(Date().timeIntervalSince1970 * 1_000)
        let stamped = request.requestID.timeOrderedMilliseconds
        #expect(stamped.map { (now - 60_000)...(now + 1) ~= $0 } == true, "a new request's id is version 7 and carries the time")
    }
}
