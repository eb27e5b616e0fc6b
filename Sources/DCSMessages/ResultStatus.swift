/// The outcome of a request, as reported on `dcs.results`.
public enum ResultStatus: String, Sendable, Codable, Equatable, Hashable, CaseIterable {
    /// Done; `data` may carry the outcome (receipt, tracking code...).
    case completed
    /// Refused for a business reason (unknown customer, already paid...); `error` says why.
    case rejected
    /// Received but needs a human or an in-person step (e.g. credit card applications).
    case underReview = "under_review"
    /// Could not be processed (system failure after retries); `error` says why.
    case failed

    /// `true` when the result must carry an ``ResultError``.
    public var requiresError: Bool { self == .rejected || self == .failed }
}
