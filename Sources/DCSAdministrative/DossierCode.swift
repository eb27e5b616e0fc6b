import DCSDomain
import Foundation

/// A dossier code, `<agency code>-<YYMMDD>-<NNNN>`: the receiving agency, the date of receipt and a
/// 4-digit sequence per agency per day [likely], e.g. `38.98.H29-210519-0013`.
public struct DossierCode: Sendable, Hashable, CustomStringConvertible {
    public let agencyCode: String
    public let receivedOn: CivilDate
    public let sequence: Int

    /// Largest sequence of one agency on one day.
    public static let maxSequence = 9_999

    public init(agencyCode: String, receivedOn: CivilDate, sequence: Int) {
        precondition((1...Self.maxSequence).contains(sequence))
        self.agencyCode = agencyCode
        self.receivedOn = receivedOn
        self.sequence = sequence
    }

    /// Parses a code (case-insensitive, surrounding spaces ignored); nil unless well-formed with a
    /// real date (years 2000-2099).
    public init?(parsing raw: String) {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, Self.isWellFormedAgencyCode(parts[0]),
              parts[1].utf8.count == 6, parts[1].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              parts[2].utf8.count == 4, parts[2].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let yy = Int(parts[1].prefix(2)), let mm = Int(parts[1].dropFirst(2).prefix(2)), let dd = Int(parts[1].suffix(2)),
              let date = CivilDate(year: 2000 + yy, month: mm, day: dd),
              let sequence = Int(parts[2]), sequence >= 1
        else { return nil }
        self.init(agencyCode: parts[0], receivedOn: date, sequence: sequence)
    }

    /// `<group>.<unit>[...].<province>`: 2-3 digits, then 1-3 groups of 2 digits, then a letter and
    /// 2 digits (`H29` for Ho Chi Minh City).
    public static func isWellFormedAgencyCode(_ text: String) -> Bool {
        let groups = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (3...5).contains(groups.count) else { return false }
        func digits(_ s: Substring) -> Bool { s.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        guard (2...3).contains(groups[0].utf8.count), digits(groups[0]) else { return false }
        for group in groups.dropFirst().dropLast() where group.utf8.count != 2 || !digits(group) { return false }
        let province = Array(groups.last!.utf8)
        return province.count == 3 && province[0] >= 0x41 && province[0] <= 0x5A && digits(groups.last!.dropFirst())
    }

    /// The partition subject of a request naming `raw` as its dossier code: the agency code before
    /// the first `-`, normalised like ``AgencyDirectory/normalized(_:)`` (so it equals the subject
    /// of the submission that issued the code).
    public static func subject(of raw: String) -> String {
        AgencyDirectory.normalized(String(raw.trimmingCharacters(in: .whitespacesAndNewlines).prefix { $0 != "-" }))
    }

    /// `YYMMDD` of a date.
    public static func dayStamp(_ date: CivilDate) -> String {
        CivilDate.pad(date.year % 100, 2) + CivilDate.pad(date.month, 2) + CivilDate.pad(date.day, 2)
    }

    public var description: String {
        "\(agencyCode)-\(Self.dayStamp(receivedOn))-\(CivilDate.pad(sequence, 4))"
    }
}
