import DCSDomain
import Foundation

/// The synthetic table of receiving agencies: city departments plus ward People's Committees.
///
/// Fixed and ordered, so every partition database and the simulator agree on it. Codes are
/// synthetic but shaped like the portal's (`<group>.<unit>.H29`); ward names are real HCMC wards
/// after the July 2025 reorganisation.
public struct AgencyDirectory: Sendable {
    /// Every agency, departments first, then ward committees in a fixed order.
    public let agencies: [Agency]
    private let byCode: [String: Agency]

    public init(agencies: [Agency] = AgencyDirectory.hoChiMinhCity) {
        self.agencies = agencies
        self.byCode = Dictionary(agencies.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The agency with portal code `code` (case-insensitive, surrounding spaces ignored).
    public func agency(code: String) -> Agency? { byCode[Self.normalized(code)] }

    /// The normalised form of an agency code (the partition subject): trimmed, upper case.
    public static func normalized(_ code: String) -> String {
        code.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
    }

    /// Departments and ward People's Committees of Ho Chi Minh City.
    public static let hoChiMinhCity: [Agency] = {
        var list = [
            Agency(code: "000.00.10.H29", kind: .justiceDepartment, nameVi: "Sở Tư pháp Thành phố Hồ Chí Minh",
                   nameEn: "Ho Chi Minh City Department of Justice"),
            Agency(code: "000.00.11.H29", kind: .constructionDepartment, nameVi: "Sở Xây dựng Thành phố Hồ Chí Minh",
                   nameEn: "Ho Chi Minh City Department of Construction"),
            Agency(code: "000.00.12.H29", kind: .agricultureEnvironmentDepartment,
                   nameVi: "Sở Nông nghiệp và Môi trường Thành phố Hồ Chí Minh",
                   nameEn: "Ho Chi Minh City Department of Agriculture and Environment"),
            Agency(code: "000.00.13.H29", kind: .financeDepartment, nameVi: "Sở Tài chính Thành phố Hồ Chí Minh",
                   nameEn: "Ho Chi Minh City Department of Finance"),
        ]
        for (index, pair) in wardNames.enumerated() {
            let parts = pair.split(separator: "|").map(String.init)
            list.append(Agency(code: "\(30 + index / 80).\(CivilDate.pad(10 + index % 80, 2)).H29", kind: .wardCommittee,
                               nameVi: "UBND phường \(parts[0])", nameEn: "\(parts[1]) Ward People's Committee"))
        }
        return list
    }()

    static let wardNames = [
        "Bình Trưng|Binh Trung", "Sài Gòn|Sai Gon", "An Khánh|An Khanh", "Bến Thành|Ben Thanh", "Tân Định|Tan Dinh",
        "Cầu Ông Lãnh|Cau Ong Lanh", "Bàn Cờ|Ban Co", "Xuân Hòa|Xuan Hoa", "Nhiêu Lộc|Nhieu Loc", "Khánh Hội|Khanh Hoi",
        "Chợ Quán|Cho Quan", "Chợ Lớn|Cho Lon", "Bình Tây|Binh Tay", "Phú Lâm|Phu Lam", "Tân Thuận|Tan Thuan",
        "Tân Mỹ|Tan My", "Chánh Hưng|Chanh Hung", "Diên Hồng|Dien Hong", "Hòa Hưng|Hoa Hung", "Minh Phụng|Minh Phung",
        "Phú Thọ|Phu Tho", "Gia Định|Gia Dinh", "Bình Thạnh|Binh Thanh", "Thạnh Mỹ Tây|Thanh My Tay", "Gò Vấp|Go Vap",
        "Phú Nhuận|Phu Nhuan", "Tân Sơn Nhất|Tan Son Nhat", "Bảy Hiền|Bay Hien", "Tân Phú|Tan Phu", "Thủ Đức|Thu Duc",
        "Long Bình|Long Binh", "Cát Lái|Cat Lai", "Phước Long|Phuoc Long", "Bình Tân|Binh Tan", "Tân Tạo|Tan Tao",
        "Hiệp Bình|Hiep Binh",
    ]
}
