import DCSDomain
import Foundation

/// A monthly billing period, written `YYYY-MM` on the wire and in the database.
///
/// Periods are calendar months in Ho Chi Minh City. They sort chronologically, also as text,
/// which the SQL queries rely on (`ORDER BY period`).
public struct BillingPeriod: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    /// Fails unless `month` is 1...12 and `year` has four digits.
    public init?(year: Int, month: Int) {
        guard (1000...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses exactly `YYYY-MM` (ASCII digits, zero-padded month).
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-") else { return nil }
        let digits = bytes[0..<4] + bytes[5..<7]
        guard digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        guard let year = Int(String(decoding: bytes[0..<4], as: UTF8.self)),
              let month = Int(String(decoding: bytes[5..<7], as: UTF8.self)) else { return nil }
        self.init(year: year, month: month)
    }

    /// The period that contains the instant, in Ho Chi Minh City time.
    public static func containing(_ date: Date) -> BillingPeriod {
        let civil = CivilDate.inHoChiMinhCity(date)
        return BillingPeriod(ordinal: civil.year * 12 + civil.month - 1)
    }

    /// Months since year 0: makes month arithmetic a plain addition.
    var ordinal: Int { year * 12 + (month - 1) }

    init(ordinal: Int) {
        self.year = ordinal / 12
        self.month = ordinal % 12 + 1
    }

    /// The period `months` later (negative: earlier).
    public func advanced(by months: Int) -> BillingPeriod {
        BillingPeriod(ordinal: ordinal + months)
    }

    public var firstDay: CivilDate {
        CivilDate(year: year, month: month, day: 1)!
    }

    public var lastDay: CivilDate {
        CivilDate(year: year, month: month, day: CivilDate.daysInMonth(year: year, month: month))!
    }

    public static func < (lhs: BillingPeriod, rhs: BillingPeriod) -> Bool {
        lhs.ordinal < rhs.ordinal
    }

    public var description: String {
        "\(CivilDate.pad(year, 4))-\(CivilDate.pad(month, 2))"
    }

    /// `MM/YYYY`, the way Vietnamese bills print a period.
    public var vietnameseDisplay: String {
        "\(CivilDate.pad(month, 2))/\(CivilDate.pad(year, 4))"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let period = BillingPeriod(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected YYYY-MM, got \(text)")
        }
        self = period
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
