/// The service ids the banking domain answers, as they appear in request envelopes.
public enum BankingServiceID: String, Sendable, Hashable, CaseIterable {
    /// Remote (eKYC) opening of a single-holder current account.
    case accountOpen = "banking.account.open"
    /// Credit card application, received pending the in-person verification.
    case cardApply = "banking.card.apply"
    /// Builds a VietQR payment code (read only).
    case vietQRGenerate = "banking.vietqr.generate"
    /// Reads and checks a VietQR payment code (read only).
    case vietQRParse = "banking.vietqr.parse"
    /// Decides a transfer's authentication method and records the day's running total.
    case transferAuthorize = "banking.transfer.authorize"
}
