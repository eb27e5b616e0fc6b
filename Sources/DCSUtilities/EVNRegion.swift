/// The EVN power corporation a customer code belongs to, from its second letter [likely].
public enum EVNRegion: String, Sendable, Hashable, Codable, CaseIterable {
    /// PE: EVN Ho Chi Minh City (units PE01...PE19).
    case hoChiMinhCity = "PE"
    /// PB: EVN Southern; former Binh Duong and Ba Ria-Vung Tau customers, now in HCMC, keep PB codes.
    case southern = "PB"
    /// PD: EVN Hanoi.
    case hanoi = "PD"
    /// PA, PH, PM, PN: EVN Northern.
    case northern = "PA"
    /// PC, PP, PQ: EVN Central.
    case central = "PC"
    /// Any other letter: well-formed but belongs to no corporation we know.
    case unknown = "P?"

    /// The region for a code's two-letter prefix.
    public init(prefix: String) {
        switch prefix {
        case "PE": self = .hoChiMinhCity
        case "PB": self = .southern
        case "PD": self = .hanoi
        case "PA", "PH", "PM", "PN": self = .northern
        case "PC", "PP", "PQ": self = .central
        default: self = .unknown
        }
    }

    public var vietnameseName: String {
        switch self {
        case .hoChiMinhCity: "Tổng công ty Điện lực TP.HCM"
        case .southern: "Tổng công ty Điện lực miền Nam"
        case .hanoi: "Tổng công ty Điện lực TP. Hà Nội"
        case .northern: "Tổng công ty Điện lực miền Bắc"
        case .central: "Tổng công ty Điện lực miền Trung"
        case .unknown: "một đơn vị điện lực khác"
        }
    }

    public var englishName: String {
        switch self {
        case .hoChiMinhCity: "EVN Ho Chi Minh City"
        case .southern: "EVN Southern"
        case .hanoi: "EVN Hanoi"
        case .northern: "EVN Northern"
        case .central: "EVN Central"
        case .unknown: "another power company"
        }
    }
}
