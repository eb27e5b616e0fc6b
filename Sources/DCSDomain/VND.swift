/// Whole-dong arithmetic. Money is `Int64` VND everywhere; nothing here touches floating point.
public enum VND {
    /// `percent`% of a non-negative amount, rounded half-up to a whole dong.
    ///
    /// Half-up on non-negative integers is `(a * p + 50) / 100`: e.g. 8% of 1,984 is 158.72 -> 159,
    /// 8% of 1,893 is 151.44 -> 151, 5% of 10 is 0.5 -> 1.
    public static func percent(_ percent: Int64, of amount: Int64) -> Int64 {
        precondition(amount >= 0 && percent >= 0, "VND.percent works on non-negative amounts")
        return (amount * percent + 50) / 100
    }

    /// `1.234.567 đ`: Vietnamese digit grouping, for citizen-facing messages.
    public static func vietnamese(_ amount: Int64) -> String {
        grouped(amount, separator: ".") + " đ"
    }

    /// `1,234,567 VND`, for English messages.
    public static func english(_ amount: Int64) -> String {
        grouped(amount, separator: ",") + " VND"
    }

    static func grouped(_ amount: Int64, separator: Character) -> String {
        let digits = String(amount.magnitude)
        var out = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { out.append(separator) }
            out.append(character)
        }
        return amount < 0 ? "-" + out : out
    }
}
