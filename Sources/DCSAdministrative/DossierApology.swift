import DCSDomain
import Foundation

/// The apology a late dossier owes the citizen, with the new appointment date [likely].
public struct DossierApology: Sendable, Hashable {
    /// When the appointment passed without a result (08:00 the next day).
    public let issuedAt: Date
    public let originalDate: CivilDate
    public let newDate: CivilDate

    public init(issuedAt: Date, originalDate: CivilDate, newDate: CivilDate) {
        self.issuedAt = issuedAt
        self.originalDate = originalDate
        self.newDate = newDate
    }

    /// The letter's text in Vietnamese.
    public func messageVi(agencyName: String) -> String {
        "\(agencyName) chân thành xin lỗi Quý công dân vì hồ sơ chưa có kết quả đúng hẹn ngày \(Self.vietnamese(originalDate)). "
            + "Ngày hẹn trả kết quả mới: \(Self.vietnamese(newDate))."
    }

    /// The same in English.
    public func messageEn(agencyName: String) -> String {
        "\(agencyName) sincerely apologises: the dossier was not completed by the appointment on \(originalDate). "
            + "New appointment date: \(newDate)."
    }

    /// `dd/MM/yyyy`, as Vietnamese letters write dates.
    static func vietnamese(_ date: CivilDate) -> String {
        "\(CivilDate.pad(date.day, 2))/\(CivilDate.pad(date.month, 2))/\(date.year)"
    }
}
