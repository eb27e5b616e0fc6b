/// What a citizen's security-and-order report is about.
public enum SecurityReportCategory: String, Sendable, Hashable, CaseIterable {
    case fraud
    case theft
    case publicDisorder = "public_disorder"
    case trafficViolation = "traffic_violation"
    case drugs
    case gambling
    case fireHazard = "fire_hazard"
    case noise
    case residenceViolation = "residence_violation"
    case other

    public var nameVi: String {
        switch self {
        case .fraud: "Lừa đảo, chiếm đoạt tài sản"
        case .theft: "Trộm cắp tài sản"
        case .publicDisorder: "Gây rối trật tự công cộng"
        case .trafficViolation: "Vi phạm trật tự an toàn giao thông"
        case .drugs: "Tệ nạn ma túy"
        case .gambling: "Cờ bạc"
        case .fireHazard: "Nguy cơ cháy, nổ"
        case .noise: "Gây ồn ào, mất trật tự"
        case .residenceViolation: "Vi phạm quy định về cư trú"
        case .other: "Khác"
        }
    }

    /// The emergency number to call now when the situation is ongoing (113 police, 114 fire).
    public var emergencyHotline: String? {
        switch self {
        case .fireHazard: "114"
        case .theft, .publicDisorder, .drugs: "113"
        default: nil
        }
    }
}
