import Foundation
import DCSDomain

/// A telemedicine booking code, `TM<clinic id>-<YYMMDD>-<NNNN>`: the clinic, the slot's date and a
/// 4-digit sequence per clinic per date, e.g. `TM79012-251015-0003`.
///
/// The clinic id inside it is the request subject, so a cancellation or status look-up reaches
/// the partition database that holds the booking.
public struct BookingCode: Sendable, Hashable, CustomStringConvertible {
    public let clinicID: String
    public let slotDate: CivilDate
    public let sequence: Int

    public init(clinicID: String, slotDate: CivilDate, sequence: Int) {
        precondition(Clinic.isWellFormedID(clinicID) && (1...9999).contains(sequence) && (2000...2099).contains(slotDate.year))
        self.clinicID = clinicID
        self.slotDate = slotDate
        self.sequence = sequence
    }

    /// Parses a code (surrounding spaces and lower case tolerated); `nil` when malformed.
    public init?(parsing raw: String) {
        let text = raw.trimmingCharacters(in: .whitespaces).uppercased()
        let b = Array(text.utf8)
        guard b.count == 19, b[0] == 0x54, b[1] == 0x4D, b[7] == 0x2D, b[14] == 0x2D else { return nil }
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
                value = value * 10 + Int(b[i] - 0x30)
            }
            return value
        }
        let clinicID = String(decoding: b[2..<7], as: UTF8.self)
        guard Clinic.isWellFormedID(clinicID), let yy = digits(8..<10), let mm = digits(10..<12), let dd = digits(12..<14),
              let date = CivilDate(year: 2000 + yy, month: mm, day: dd), let sequence = digits(15..<19), sequence > 0
        else { return nil }
        self.init(clinicID: clinicID, slotDate: date, sequence: sequence)
    }

    public var value: String {
        "TM\(clinicID)-\(CivilDate.pad(slotDate.year % 100, 2))\(CivilDate.pad(slotDate.month, 2))\(CivilDate.pad(slotDate.day, 2))-\(CivilDate.pad(sequence, 4))"
    }

    public var description: String { value }
}
