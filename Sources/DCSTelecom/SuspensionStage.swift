/// How far a suspension case has gone at a given instant.
public enum SuspensionStage: String, Sendable, Hashable, CaseIterable {
    /// Mismatch found; service still works until the outgoing suspension (2-hour grace).
    case pending
    /// Outgoing calls and messages suspended; incoming still work.
    case outgoingSuspended = "outgoing_suspended"
    /// Both directions blocked.
    case bothDirectionsBlocked = "both_directions_blocked"
    /// The carrier ended the contract; identification can no longer lift the case.
    case contractTerminated = "contract_terminated"
}
