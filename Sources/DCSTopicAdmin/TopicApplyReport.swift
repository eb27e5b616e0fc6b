/// What applying the catalogue to a cluster found and did, topic by topic.
public struct TopicApplyReport: Sendable, Equatable {
    /// A setting whose value on the cluster is not the catalogue's.
    public struct Difference: Sendable, Equatable, CustomStringConvertible {
        public var setting: String
        public var expected: String
        public var actual: String

        public init(setting: String, expected: String, actual: String) {
            self.setting = setting
            self.expected = expected
            self.actual = actual
        }

        public var description: String { "\(setting): catalogue \(expected), cluster \(actual)" }
    }

    public enum Outcome: Sendable, Equatable {
        /// The topic did not exist and was created.
        case created
        /// The topic exists with the catalogue's settings.
        case matched
        /// The topic exists with other settings; nothing was changed (changing partitions moves keys).
        case differs([Difference])
        /// Creating the topic failed.
        case failed(code: String, message: String)
        /// Dry run: the topic would be created.
        case wouldCreate
    }

    public struct Entry: Sendable, Equatable {
        public var topic: String
        public var outcome: Outcome
    }

    public var entries: [Entry]
    /// Whether topic configs (retention, cleanup policy, min ISR) could be compared. The embedded
    /// cluster does not answer DescribeConfigs, so only partitions and replication are checked there.
    public var configsVerified: Bool
    /// Replication factor expectations capped to the cluster's broker count (development clusters).
    public var replicationCappedTo: Int?

    public var created: [String] { entries.filter { $0.outcome == .created }.map(\.topic) }
    public var matched: [String] { entries.filter { $0.outcome == .matched }.map(\.topic) }
    public var differing: [Entry] { entries.filter { if case .differs = $0.outcome { true } else { false } } }
    public var failed: [Entry] { entries.filter { if case .failed = $0.outcome { true } else { false } } }

    /// Every topic exists (or, in a dry run, would be created) with the catalogue's settings.
    public var isConsistent: Bool { differing.isEmpty && failed.isEmpty }
}
