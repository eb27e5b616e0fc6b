/// A number's status as the citizen sees it in the list of numbers registered to their ID.
public enum LineStatus: String, Sendable, Hashable, CaseIterable {
    /// In service (possibly inside the 2-hour grace of a fresh mismatch).
    case active
    /// Outgoing, or both directions, suspended after a mismatch.
    case suspended
    /// The contract ended at the end of a suspension timeline.
    case terminated
    /// The citizen declared the number is not theirs; it no longer counts against their ID.
    case disowned

    /// The status of an undisowned number whose suspension case has reached `stage`.
    public init(stage: SuspensionStage) {
        switch stage {
        case .pending: self = .active
        case .outgoingSuspended, .bothDirectionsBlocked: self = .suspended
        case .contractTerminated: self = .terminated
        }
    }

    /// Whether the number still counts against the ID's online-registration allowance.
    public var countsAgainstID: Bool { self == .active || self == .suspended }
}
