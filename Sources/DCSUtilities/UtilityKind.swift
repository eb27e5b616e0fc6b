/// The three utilities a station can look up and pay.
public enum UtilityKind: String, Sendable, Hashable, Codable, CaseIterable {
    case electricity, water, telecom

    /// Mixed into every PRNG seed so the kinds draw independent synthetic data.
    var tag: UInt64 {
        switch self {
        case .electricity: 0x454C_4543
        case .water: 0x5741_5452
        case .telecom: 0x5445_4C45
        }
    }

    /// Prefix of deterministic bill ids.
    var billIDPrefix: String {
        switch self {
        case .electricity: "EL"
        case .water: "WA"
        case .telecom: "TC"
        }
    }

    /// Unit of the consumption column, nil when a bill has none (telecom).
    var consumptionUnit: String? {
        switch self {
        case .electricity: "kWh"
        case .water: "m3"
        case .telecom: nil
        }
    }
}
