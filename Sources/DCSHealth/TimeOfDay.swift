import DCSDomain

/// A wall-clock time in Ho Chi Minh City, `HH:MM` (slot start times).
public struct TimeOfDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Minutes since midnight, 0..<1440.
    public let minutes: Int

    public init(minutes: Int) {
        precondition((0..<1440).contains(minutes))
        self.minutes = minutes
    }

    public init(hour: Int, minute: Int) { self.init(minutes: hour * 60 + minute) }

    /// Parses exactly `HH:MM` (24-hour clock); `nil` otherwise.
    public init?(parsing text: String) {
        let b = Array(text.utf8)
        guard b.count == 5, b[2] == 0x3A, [b[0], b[1], b[3], b[4]].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let hour = Int(b[0] - 0x30) * 10 + Int(b[1] - 0x30)
        let minute = Int(b[3] - 0x30) * 10 + Int(b[4] - 0x30)
        guard hour < 24, minute < 60 else { return nil }
        self.init(minutes: hour * 60 + minute)
    }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.minutes < rhs.minutes }

    public var description: String { CivilDate.pad(minutes / 60, 2) + ":" + CivilDate.pad(minutes % 60, 2) }
}
