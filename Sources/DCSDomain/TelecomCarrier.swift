/// Vietnamese mobile carriers and the prefixes they were allocated [likely].
///
/// Number portability (since 2018) means a prefix only HINTS at the carrier: the carrier of
/// record is the one stored for the subscriber, and bills come from that carrier.
public enum TelecomCarrier: String, Sendable, Hashable, Codable, CaseIterable {
    case viettel, vinaphone, mobifone, vietnamobile, gmobile, itel, reddi

    /// Allocated 3-digit prefixes (`0` + two digits) per carrier.
    public static let prefixes: [TelecomCarrier: [String]] = [
        .viettel: ["032", "033", "034", "035", "036", "037", "038", "039", "086", "096", "097", "098"],
        .vinaphone: ["081", "082", "083", "084", "085", "088", "091", "094"],
        .mobifone: ["070", "076", "077", "078", "079", "089", "090", "093"],
        .vietnamobile: ["056", "058", "092"],
        .gmobile: ["059", "099"],
        .itel: ["087"],
        .reddi: ["055"],
    ]

    /// Reverse index of `prefixes`.
    static let byPrefix: [String: TelecomCarrier] = {
        var index: [String: TelecomCarrier] = [:]
        for (carrier, list) in prefixes { for prefix in list { index[prefix] = carrier } }
        return index
    }()

    /// Every allocated prefix, sorted (deterministic order for synthetic data).
    public static let allPrefixes: [String] = byPrefix.keys.sorted()

    /// The carrier a prefix was allocated to, if any.
    public init?(prefix: String) {
        guard let carrier = TelecomCarrier.byPrefix[prefix] else { return nil }
        self = carrier
    }

    /// Brand name as carriers write it.
    public var displayName: String {
        switch self {
        case .viettel: "Viettel"
        case .vinaphone: "VinaPhone"
        case .mobifone: "MobiFone"
        case .vietnamobile: "Vietnamobile"
        case .gmobile: "Gmobile"
        case .itel: "iTel"
        case .reddi: "Reddi"
        }
    }
}
