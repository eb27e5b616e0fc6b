import DCSSchema
import Foundation

/// What happens to a number after its subscriber data failed to match the population database
/// (Circular 08/2026) [firm]: outgoing service is suspended within 2 hours, both directions are
/// blocked after 30 days, and the contract ends 5 days after that, unless the subscriber is
/// identified in the meantime. The delays come from ``TelecomConfiguration``.
public struct SuspensionTimeline: Sendable, Hashable {
    /// When the mismatch was found (the worker's clock).
    public let detectedAt: Date
    public let outgoingSuspendedAt: Date
    public let bothDirectionsBlockedAt: Date
    public let contractTerminatedAt: Date

    public init(detectedAt: Date, outgoingSuspendedAt: Date, bothDirectionsBlockedAt: Date, contractTerminatedAt: Date) {
        precondition(detectedAt <= outgoingSuspendedAt && outgoingSuspendedAt < bothDirectionsBlockedAt
                     && bothDirectionsBlockedAt < contractTerminatedAt, "timeline steps must be in order")
        self.detectedAt = detectedAt
        self.outgoingSuspendedAt = outgoingSuspendedAt
        self.bothDirectionsBlockedAt = bothDirectionsBlockedAt
        self.contractTerminatedAt = contractTerminatedAt
    }

    /// The step reached at `instant`.
    public func stage(at instant: Date) -> SuspensionStage {
        if instant >= contractTerminatedAt { return .contractTerminated }
        if instant >= bothDirectionsBlockedAt { return .bothDirectionsBlocked }
        if instant >= outgoingSuspendedAt { return .outgoingSuspended }
        return .pending
    }

    /// The steps for the station's screen, each with the UTC instant and the same instant in
    /// Ho Chi Minh City local time (what the citizen reads).
    public var steps: [JSONValue] {
        [(SuspensionStage.outgoingSuspended, outgoingSuspendedAt),
         (.bothDirectionsBlocked, bothDirectionsBlockedAt),
         (.contractTerminated, contractTerminatedAt)].map { stage, at in
            .object(["step": .string(stage.rawValue), "at": .string(RFC3339.string(from: at)),
                     "at_local": .string(HoChiMinhTime.rfc3339(at))])
        }
    }
}
