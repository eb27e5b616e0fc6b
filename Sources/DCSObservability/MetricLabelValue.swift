/// Guards label values before they reach the registry.
///
/// Label values are meant to be short, bounded identifiers. Anything else (a free-text reason, a
/// name, a value with spaces or non-ASCII) is replaced by ``invalid`` rather than exposed: a
/// leaked personal datum on a public metrics endpoint is worse than a lost label.
enum MetricLabelValue {
    /// What an unacceptable value becomes.
    static let invalid = "invalid"
    /// What every label of a series becomes once a metric has too many series.
    static let overflow = "overflow"
    /// Longest accepted value in bytes; service ids and topic names fit comfortably.
    static let maxLength = 64

    /// `value` when it is 1...64 bytes of `[A-Za-z0-9_.:-]`, otherwise ``invalid``.
    static func sanitize(_ value: String) -> String {
        let utf8 = value.utf8
        guard !utf8.isEmpty, utf8.count <= maxLength, utf8.allSatisfy(isAllowed) else { return invalid }
        return value
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."),
            UInt8(ascii: ":"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }
}
