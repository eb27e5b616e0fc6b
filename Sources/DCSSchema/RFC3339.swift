import Foundation

/// RFC 3339 timestamps without `DateFormatter`: formatters are slow, not `Sendable`, and lenient in
/// ways a wire format must not be. Used by the `date-time`/`date` formats and by the envelope coders.
public enum RFC3339 {
    /// The parts of a well-formed RFC 3339 `date-time`.
    struct Parts {
        var year, month, day, hour, minute, second: Int
        var nanoseconds: Int
        var offsetSeconds: Int
    }

    /// Parses an RFC 3339 `date-time` (`2025-10-10T08:30:00Z`, `2025-10-10T15:30:00.123+07:00`),
    /// with or without fractional seconds and with any offset. Returns `nil` when malformed.
    public static func date(from text: String) -> Date? {
        guard let p = parseDateTime(Array(text.utf8)) else { return nil }
        let days = daysFromCivil(year: p.year, month: p.month, day: p.day)
        let seconds = days * 86_400 + p.hour * 3_600 + p.minute * 60 + p.second - p.offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + Double(p.nanoseconds) / 1e9)
    }

    /// `true` when `text` is an RFC 3339 `date-time`.
    public static func isDateTime(_ text: String) -> Bool {
        parseDateTime(Array(text.utf8)) != nil
    }

    /// `true` when `text` is an RFC 3339 `full-date` (`2025-10-10`).
    public static func isFullDate(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard b.count == 10 else { return false }
        return parseDate(b, 0) != nil
    }

    /// Formats `date` in UTC with millisecond precision: `2025-10-10T01:30:00.000Z`.
    public static func string(from date: Date) -> String {
        let totalMs = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var days = totalMs / 86_400_000
        var msOfDay = totalMs % 86_400_000
        if msOfDay < 0 { msOfDay += 86_400_000; days -= 1 }
        return format(days: Int(days), msOfDay: Int(msOfDay), milliseconds: true)
    }

    /// Formats `date` in UTC to the whole second, rounded down: `2025-10-10T01:30:00Z`, as
    /// `JSONEncoder`'s `.iso8601` strategy and `Date.ISO8601FormatStyle` write it (both go through
    /// a formatter: about 2 % of a worker's CPU when every payment answer carried two).
    public static func wholeSecondsString(from date: Date) -> String {
        let totalSeconds = Int64(date.timeIntervalSince1970.rounded(.down))
        var days = totalSeconds / 86_400
        var secondOfDay = totalSeconds % 86_400
        if secondOfDay < 0 { secondOfDay += 86_400; days -= 1 }
        return format(days: Int(days), msOfDay: Int(secondOfDay) * 1_000, milliseconds: false)
    }

    private static func format(days: Int, msOfDay: Int, milliseconds: Bool) -> String {
        let (y, m, d) = civilFromDays(days)
        let h = msOfDay / 3_600_000
        let mi = msOfDay / 60_000 % 60
        let s = msOfDay / 1_000 % 60
        let ms = msOfDay % 1_000
        // Years 0...9999, as RFC 3339 allows; outside them the digits would not fit four places.
        guard (0...9_999).contains(y) else {
            return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + "T" + pad(h, 2) + ":" + pad(mi, 2) + ":"
                + pad(s, 2) + (milliseconds ? "." + pad(ms, 3) : "") + "Z"
        }
        // Written byte by byte: every answer carries one or more of these, and the concatenation
        // of a dozen small strings cost more than the arithmetic.
        return String(unsafeUninitializedCapacity: 24) { out in
            var index = 0
            func put(_ value: Int, _ width: Int) {
                var value = value
                for position in stride(from: index + width - 1, through: index, by: -1) {
                    out[position] = UInt8(48 + value % 10)
                    value /= 10
                }
                index += width
            }
            func put(_ byte: UInt8) {
                out[index] = byte
                index += 1
            }
            put(y, 4); put(45); put(m, 2); put(45); put(d, 2); put(84)
            put(h, 2); put(58); put(mi, 2); put(58); put(s, 2)
            if milliseconds { put(46); put(ms, 3) }
            put(90)
            return index
        }
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    private static func digits(_ b: [UInt8], _ at: Int, _ count: Int) -> Int? {
        guard at + count <= b.count else { return nil }
        var n = 0
        for i in at..<(at + count) {
            let c = b[i]
            guard c >= 48, c <= 57 else { return nil }
            n = n * 10 + Int(c - 48)
        }
        return n
    }

    private static func parseDate(_ b: [UInt8], _ at: Int) -> (Int, Int, Int)? {
        guard let y = digits(b, at, 4), at + 10 <= b.count, b[at + 4] == 45, let m = digits(b, at + 5, 2),
              b[at + 7] == 45, let d = digits(b, at + 8, 2)
        else { return nil }
        guard (1...12).contains(m), d >= 1, d <= daysInMonth(year: y, month: m) else { return nil }
        return (y, m, d)
    }

    static func parseDateTime(_ b: [UInt8]) -> Parts? {
        guard let (y, mo, d) = parseDate(b, 0), b.count >= 20 else { return nil }
        guard b[10] == 84 || b[10] == 116,  // T or t
              let h = digits(b, 11, 2), b[13] == 58, let mi = digits(b, 14, 2), b[16] == 58,
              let s = digits(b, 17, 2), h <= 23, mi <= 59, s <= 60
        else { return nil }
        var i = 19
        var nanos = 0
        if b[i] == 46 {  // '.'
            i += 1
            let start = i
            var scale = 100_000_000
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                nanos += Int(b[i] - 48) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        guard i < b.count else { return nil }
        var offset = 0
        switch b[i] {
        case 90, 122:  // Z or z
            i += 1
        case 43, 45:  // + or -
            guard let oh = digits(b, i + 1, 2), i + 3 < b.count, b[i + 3] == 58, let om = digits(b, i + 4, 2),
                  oh <= 23, om <= 59
            else { return nil }
            offset = (oh * 3_600 + om * 60) * (b[i] == 45 ? -1 : 1)
            i += 6
        default:
            return nil
        }
        guard i == b.count else { return nil }
        return Parts(year: y, month: mo, day: d, hour: h, minute: mi, second: s, nanoseconds: nanos, offsetSeconds: offset)
    }

    private static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // Howard Hinnant's civil-calendar algorithms: exact for the proleptic Gregorian calendar.
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
