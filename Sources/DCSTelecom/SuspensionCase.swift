import DCSSchema
import Foundation

/// An open suspension case (`telecom_suspension_case`): which fields mismatched and the timeline.
struct SuspensionCase: Sendable {
    let caseID: String
    let mismatchedFields: [String]
    let timeline: SuspensionTimeline

    /// The case for a result: fields that failed (names only), the current stage, the steps.
    func json(at now: Date) -> [String: JSONValue] {
        [
            "case_id": .string(caseID),
            "mismatched_fields": .array(mismatchedFields.map { .string($0) }),
            "stage": .string(timeline.stage(at: now).rawValue),
            "detected_at": .string(RFC3339.string(from: timeline.detectedAt)),
            "timeline": .array(timeline.steps),
        ]
    }
}
