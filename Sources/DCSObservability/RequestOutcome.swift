/// The `status` label of ``FleetMetricName/requests``: how a request left the worker.
///
/// The first four mirror the result statuses published to stations; `deadLetter` counts requests
/// that produced no result because they went to a dead-letter topic.
public enum RequestOutcome: String, Sendable, Hashable, CaseIterable {
    case completed
    case rejected
    case underReview = "under_review"
    case failed
    case deadLetter = "dead_letter"
}
