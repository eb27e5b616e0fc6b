import DCSSchema
import Foundation
import Testing

@Suite("RFC 3339")
struct RFC3339Tests {
    @Test func parsesOffsetsAndFractions() throws {
        let utc = try #require(RFC3339.date(from: "2025-10-10T01:30:00Z"))
        #expect(utc.timeIntervalSince1970 == 1_760_059_800)
        #expect(RFC3339.date(from: "2025-10-10T08:30:00+07:00") == utc)
        #expect(RFC3339.date(from: "2025-10-09T20:30:00-05:00") == utc)
        let frac = try #require(RFC3339.date(from: "2025-10-10T01:30:00.250Z"))
        #expect(abs(frac.timeIntervalSince1970 - 1_760_059_800.25) < 1e-6)
    }

    @Test func formatsUTCWithMilliseconds() throws {
        let d = Date(timeIntervalSince1970: 1_760_059_800.123)
        #expect(RFC3339.string(from: d) == "2025-10-10T01:30:00.123Z")
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59.000Z")
        let back = try #require(RFC3339.date(from: RFC3339.string(from: d)))
        #expect(abs(back.timeIntervalSince1970 - d.timeIntervalSince1970) < 0.0005)
    }

    @Test func formatsWhatFoundationFormatsOverFourCenturies() throws {
        // Foundation's ISO 8601 style with milliseconds, in UTC, is the reference.
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            // 1900 to 2300, 0.4 ms past a whole millisecond: RFC3339 rounds to milliseconds,
            // Foundation truncates, and both land on the same one.
            let ms = Int64.random(in: -2_208_988_800_000...10_413_792_000_000, using: &generator)
            let date = Date(timeIntervalSince1970: (Double(ms) + 0.4) / 1_000)
            #expect(RFC3339.string(from: date) == date.formatted(style), "\(ms)")
        }
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: 253_402_300_799.999)) == "9999-12-31T23:59:59.999Z")
    }

    @Test func formatsWholeSecondsAsFoundationsISO8601Style() throws {
        // `Date.formatted(.iso8601)` (and JSONEncoder's `.iso8601`) is the reference: UTC, whole
        // seconds, rounded down, before 1970 too.
        #expect(RFC3339.wholeSecondsString(from: Date(timeIntervalSince1970: 1_760_497_200.9999)) == "2025-10-15T03:00:00Z")
        #expect(RFC3339.wholeSecondsString(from: Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59Z")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let date = Date(timeIntervalSince1970: Double.random(in: -2_208_988_800...10_413_792_000, using: &generator))
            #expect(RFC3339.wholeSecondsString(from: date) == date.formatted(.iso8601), "\(date.timeIntervalSince1970)")
        }
    }

    @Test(arguments: ["2025-10-10", "2025-10-10T25:00:00Z", "2025-10-10T01:30:00", "2025-10-10T01:30:00.Z", "2025-10-10T01:30:00+7:00", "2023-02-29T00:00:00Z", "x"])
    func rejectsMalformed(_ text: String) {
        #expect(RFC3339.date(from: text) == nil)
        #expect(!RFC3339.isDateTime(text))
    }
}
