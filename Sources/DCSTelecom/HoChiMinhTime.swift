import DCSDomain
import DCSSchema
import Foundation

/// RFC 3339 in Ho Chi Minh City local time (`+07:00`, no daylight saving since 1975). DCSSchema's
/// ``RFC3339/string(from:)`` writes UTC; a citizen reading a deadline needs the wall-clock time.
public enum HoChiMinhTime {
    /// `2026-05-01T15:30:00.000+07:00` for the instant `2026-05-01T08:30:00.000Z`.
    public static func rfc3339(_ date: Date) -> String {
        let shifted = RFC3339.string(from: date.addingTimeInterval(TimeInterval(CivilDate.vietnamUTCOffsetSeconds)))
        return String(shifted.dropLast()) + "+07:00"
    }
}
