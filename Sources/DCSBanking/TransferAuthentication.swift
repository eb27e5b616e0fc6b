/// The authentication a transfer needs [firm]: face above 10,000,000 VND in one transaction or
/// once the day's total (this one included) passes 20,000,000 VND; OTP otherwise.
public struct TransferAuthentication: Sendable, Hashable {
    /// How the customer confirms the transfer in the bank's app.
    public enum Method: String, Sendable, Hashable {
        /// A one-time password (SMS or soft token).
        case otp
        /// Face biometrics matched against the chip ID card data.
        case face
    }

    /// Why that method.
    public enum Reason: String, Sendable, Hashable {
        /// Neither threshold passed: OTP.
        case withinThresholds = "within_thresholds"
        /// The transfer alone is above the single-transfer threshold.
        case singleAmountAboveThreshold = "single_amount_above_threshold"
        /// The day's total, this transfer included, is past the daily threshold.
        case dayTotalAboveThreshold = "day_total_above_threshold"
    }

    /// The method required.
    public let method: Method
    /// Which rule decided it.
    public let reason: Reason

    /// Decides for a transfer of `amount` when `dayTotal` (this transfer included) was reached.
    /// Thresholds are exclusive: exactly 10,000,000 or a total of exactly 20,000,000 is OTP.
    public init(amount: Int64, dayTotal: Int64, singleThreshold: Int64, dailyThreshold: Int64) {
        if amount > singleThreshold {
            (method, reason) = (.face, .singleAmountAboveThreshold)
        } else if dayTotal > dailyThreshold {
            (method, reason) = (.face, .dayTotalAboveThreshold)
        } else {
            (method, reason) = (.otp, .withinThresholds)
        }
    }

    /// A decision already taken (e.g. read back from storage).
    public init(method: Method, reason: Reason) {
        self.method = method
        self.reason = reason
    }
}
