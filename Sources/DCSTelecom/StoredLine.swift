import DCSDomain
import DCSSchema
import Foundation

/// A number registered to an ID, as stored (`telecom_line`), with its open suspension case.
struct StoredLine: Sendable {
    let phoneKey: String
    let phoneMasked: String
    let carrier: TelecomCarrier
    let origin: String
    let registeredOn: String
    let outdatedFields: [String]
    let disowned: Bool
    let disownedAt: String?
    let lastIdentifiedAt: String?
    let openCase: SuspensionCase?

    /// The status at `now`: a stored `active` line is suspended or terminated as its open case's
    /// timeline passes (no background job: the clock of each request decides).
    func status(at now: Date) -> LineStatus {
        if disowned { return .disowned }
        guard let openCase else { return .active }
        return LineStatus(stage: openCase.timeline.stage(at: now))
    }

    /// The line for the list screen: masked number, carrier, status, what needs updating.
    func json(at now: Date) -> JSONValue {
        var object: [String: JSONValue] = [
            "phone_masked": .string(phoneMasked),
            "carrier": .string(carrier.rawValue),
            "carrier_name": .string(carrier.displayName),
            "status": .string(status(at: now).rawValue),
            "origin": .string(origin),
            "registered_on": .string(registeredOn),
            "subscriber_data": .string(outdatedFields.isEmpty ? "matches_registry" : "needs_identification"),
            "outdated_fields": .array(outdatedFields.map { .string($0) }),
        ]
        if let disownedAt { object["disowned_at"] = .string(disownedAt) }
        if let lastIdentifiedAt { object["last_identified_at"] = .string(lastIdentifiedAt) }
        if let openCase, !disowned { object["suspension"] = .object(openCase.json(at: now)) }
        return .object(object)
    }
}
