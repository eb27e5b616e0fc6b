/// A health insurance (BHYT) card held through a group other than the household: 15 characters =
/// 2-letter beneficiary group + benefit level 1-5 + 2-digit province (79) + 10-digit social
/// insurance number [firm]. Only ``masked`` ever leaves the worker.
public struct InsuranceCard: Sendable, Hashable {
    /// Beneficiary group, e.g. `DN` (employees), `HT` (retirees), `HS` (pupils), `SV` (students), `TE` (under 6).
    public let group: String
    /// Benefit level, 1...5.
    public let benefitLevel: Int
    /// Province of issue, `79` for Ho Chi Minh City.
    public let province: String
    /// The 10-digit social insurance number (mã số BHXH), printed alone on cards since 2021.
    public let socialInsuranceNumber: String

    public init(group: String, benefitLevel: Int, province: String, socialInsuranceNumber: String) {
        precondition(group.count == 2 && (1...5).contains(benefitLevel) && province.count == 2 && socialInsuranceNumber.count == 10)
        self.group = group
        self.benefitLevel = benefitLevel
        self.province = province
        self.socialInsuranceNumber = socialInsuranceNumber
    }

    /// The 15-character card code, e.g. `DN479791234567`.
    public var code: String { "\(group)\(benefitLevel)\(province)\(socialInsuranceNumber)" }

    /// `DN479******4567`: the group, level and province, and the last 4 digits.
    public var masked: String { "\(group)\(benefitLevel)\(province)" + String(repeating: "*", count: 6) + String(socialInsuranceNumber.suffix(4)) }

    /// The group in Vietnamese, for the kiosk's explanation of why a member is left out.
    public var groupNameVi: String {
        switch group {
        case "TE": "trẻ em dưới 6 tuổi (ngân sách nhà nước đóng)"
        case "HS": "học sinh (tham gia qua nhà trường)"
        case "SV": "sinh viên (tham gia qua cơ sở giáo dục)"
        case "DN": "người lao động (tham gia qua doanh nghiệp)"
        case "HT": "người hưởng lương hưu"
        default: "nhóm đối tượng khác"
        }
    }

    /// The group in English.
    public var groupNameEn: String {
        switch group {
        case "TE": "child under 6 (paid by the state budget)"
        case "HS": "pupil (insured through the school)"
        case "SV": "student (insured through the college)"
        case "DN": "employee (insured through the employer)"
        case "HT": "retiree (insured with the pension)"
        default: "another beneficiary group"
        }
    }
}
