/// Human-readable durations of the catalogue: `<n>ms|s|m|h|d|w`, and `forever` for retention.
enum CatalogueDuration {
    /// Milliseconds for a retention, -1 for `forever`; `nil` when malformed or not positive.
    static func retentionMs(_ text: String) -> Int64? {
        if text == "forever" { return -1 }
        return milliseconds(text)
    }

    /// Milliseconds; `nil` when malformed or not positive.
    static func milliseconds(_ text: String) -> Int64? {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        let unit = text.dropFirst(digits.count)
        guard !digits.isEmpty, let n = Int64(digits), n > 0 else { return nil }
        let factor: Int64
        switch unit {
        case "ms": factor = 1
        case "s": factor = 1_000
        case "m": factor = 60_000
        case "h": factor = 3_600_000
        case "d": factor = 86_400_000
        case "w": factor = 604_800_000
        default: return nil
        }
        let (r, overflow) = n.multipliedReportingOverflow(by: factor)
        return overflow ? nil : r
    }
}
