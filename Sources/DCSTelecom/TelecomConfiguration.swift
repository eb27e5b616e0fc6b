import Foundation
import DCSDomain

/// Everything a telecom worker (and its sample traffic) can be configured with. Every member has a
/// documented default, so `TelecomConfiguration()` is a working demo set-up.
///
/// Facts marked [assumed] in the domain notes are settings here, not constants.
public struct TelecomConfiguration: Sendable {
    /// Seed of the synthetic world: the population registry and the carriers' subscriber records.
    /// The same seed gives the same people and numbers in every process and partition database.
    public var seed: UInt64
    /// Lowest face-match score (0-100) the kiosk camera must report for the face to count as a
    /// match [assumed 80: carriers do not publish their threshold].
    public var faceMatchThreshold: Int64
    /// Numbers one ID document may hold that were registered online; from the next one the citizen
    /// is referred to a carrier store (Decree 163/2024: 3) [firm].
    public var onlineRegistrationLimit: Int
    /// Minimum age to register a number in one's own name; younger people register through a
    /// parent or guardian at a store [assumed 14].
    public var minimumRegistrationAge: Int
    /// From a mismatch to the suspension of outgoing service (Circular 08/2026: 2 hours) [firm].
    public var outgoingSuspensionDelaySeconds: Int64
    /// From a mismatch to blocking both directions (30 days) [firm; counted from the detection].
    public var bothDirectionsBlockDelayDays: Int
    /// From blocking both directions to the end of the contract (5 days) [firm].
    public var terminationDelayDays: Int
    /// Share (percent) of the numbering space the carriers have already allocated: a number the
    /// synthetic "in use" predicate picks cannot be registered anew [assumed 60].
    public var allocatedNumberPercent: UInt64
    /// Key of the HMAC-SHA256 that pseudonymises phone numbers in the database. The default is
    /// derived from the seed so demos work out of the box; production must supply a secret.
    public var subscriberKey: [UInt8]
    /// Key of the HMAC-SHA256 that pseudonymises ID numbers in the database (same default rule).
    public var citizenKey: [UInt8]

    /// Every parameter defaults to the documented value; nil keys derive the demo keys from the seed.
    public init(
        seed: UInt64 = 2025,
        faceMatchThreshold: Int64 = 80,
        onlineRegistrationLimit: Int = 3,
        minimumRegistrationAge: Int = 14,
        outgoingSuspensionDelaySeconds: Int64 = 2 * 3600,
        bothDirectionsBlockDelayDays: Int = 30,
        terminationDelayDays: Int = 5,
        allocatedNumberPercent: UInt64 = 60,
        subscriberKey: [UInt8]? = nil,
        citizenKey: [UInt8]? = nil
    ) {
        precondition((0...100).contains(faceMatchThreshold), "faceMatchThreshold must be 0...100")
        precondition(onlineRegistrationLimit >= 0 && minimumRegistrationAge >= 0, "limits must not be negative")
        precondition(outgoingSuspensionDelaySeconds >= 0 && bothDirectionsBlockDelayDays > 0 && terminationDelayDays > 0,
                     "suspension delays must be positive")
        precondition(Int64(bothDirectionsBlockDelayDays) * 86_400 > outgoingSuspensionDelaySeconds,
                     "both directions are blocked after outgoing service is suspended")
        precondition((1...99).contains(allocatedNumberPercent), "allocatedNumberPercent must be 1...99")
        self.seed = seed
        self.faceMatchThreshold = faceMatchThreshold
        self.onlineRegistrationLimit = onlineRegistrationLimit
        self.minimumRegistrationAge = minimumRegistrationAge
        self.outgoingSuspensionDelaySeconds = outgoingSuspensionDelaySeconds
        self.bothDirectionsBlockDelayDays = bothDirectionsBlockDelayDays
        self.terminationDelayDays = terminationDelayDays
        self.allocatedNumberPercent = allocatedNumberPercent
        self.subscriberKey = subscriberKey ?? Array("dcs.telecom.demo-subscriber-key.\(seed)".utf8)
        self.citizenKey = citizenKey ?? Array("dcs.telecom.demo-citizen-key.\(seed)".utf8)
    }

    /// The population registry stand-in for this seed.
    public var registry: CitizenRegistry { CitizenRegistry(seed: seed) }

    /// The suspension timeline of a mismatch detected at `detectedAt`.
    public func suspensionTimeline(detectedAt: Date) -> SuspensionTimeline {
        SuspensionTimeline(
            detectedAt: detectedAt,
            outgoingSuspendedAt: detectedAt.addingTimeInterval(TimeInterval(outgoingSuspensionDelaySeconds)),
            bothDirectionsBlockedAt: detectedAt.addingTimeInterval(TimeInterval(bothDirectionsBlockDelayDays) * 86_400),
            contractTerminatedAt: detectedAt.addingTimeInterval(
                TimeInterval(bothDirectionsBlockDelayDays + terminationDelayDays) * 86_400))
    }
}
