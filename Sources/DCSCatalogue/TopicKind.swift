/// What a topic is for; decides which fields it needs (a retry topic needs a delay, a request topic
/// a category) and how tools treat it.
public enum TopicKind: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    /// `dcs.requests.<category>`: stations → workers.
    case request
    /// `dcs.results`: workers → stations.
    case result
    /// `dcs.retry.<category>.<tier>`: delayed redelivery of transient failures.
    case retry
    /// `dcs.dlq.<category>`: messages that could not be processed.
    case deadLetter = "dead_letter"
    /// `dcs.security-events`.
    case securityEvents = "security_events"
    /// `dcs.dlq.replay-log`: what was done with each dead letter.
    case replayLog = "replay_log"

    /// `true` for kinds that exist once per service category.
    public var isPerCategory: Bool { self == .request || self == .retry || self == .deadLetter }
}
