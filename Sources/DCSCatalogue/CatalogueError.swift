/// Everything wrong with a catalogue, collected in one pass so that one run shows every fault.
public struct CatalogueError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable codes, safe to match on in tests and tools.
    public enum Code: String, Sendable, Equatable, CaseIterable {
        case fileUnreadable = "catalogue.file_unreadable"
        case yamlSyntax = "catalogue.yaml_syntax"
        case missingField = "catalogue.missing_field"
        case invalidField = "catalogue.invalid_field"
        /// A key the catalogue does not know (usually a typo).
        case unknownField = "catalogue.unknown_field"
        case duplicateTopic = "catalogue.duplicate_topic"
        case invalidTopicName = "catalogue.invalid_topic_name"
        case missingKeyRule = "catalogue.missing_key_rule"
        case unknownSchemaFile = "catalogue.unknown_schema_file"
        case schemaCompileFailed = "catalogue.schema_compile_failed"
        case minISRExceedsReplication = "catalogue.min_isr_exceeds_replication"
        case invalidPartitions = "catalogue.invalid_partitions"
        case invalidReplication = "catalogue.invalid_replication"
        case invalidRetention = "catalogue.invalid_retention"
        case invalidCleanupPolicy = "catalogue.invalid_cleanup_policy"
        case missingRetryDelay = "catalogue.missing_retry_delay"
        case invalidRetryDelay = "catalogue.invalid_retry_delay"
        case unknownCategory = "catalogue.unknown_category"
        case configConflict = "catalogue.config_conflict"
        /// A topic every deployment needs (a category's request topic, `dcs.results`...) is absent.
        case missingTopic = "catalogue.missing_topic"
        /// Two topics claim the same role (e.g. two request topics for one category).
        case ambiguousTopic = "catalogue.ambiguous_topic"
        /// Two entries of the service catalogue share a service id.
        case duplicateService = "catalogue.duplicate_service"
    }

    /// One fault.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public let code: Code
        /// The topic (or template) concerned, if any.
        public let topic: String?
        /// The file concerned (`catalogue.yaml` or a schema file), if any.
        public let file: String?
        /// 1-based line in `file`, when known.
        public let line: Int?
        public let message: String

        public init(code: Code, topic: String? = nil, file: String? = nil, line: Int? = nil, message: String) {
            self.code = code
            self.topic = topic
            self.file = file
            self.line = line
            self.message = message
        }

        public var description: String {
            var where_ = file ?? ""
            if let line { where_ += ":\(line)" }
            if let topic { where_ += where_.isEmpty ? topic : " (\(topic))" }
            return "\(code.rawValue) \(where_): \(message)"
        }
    }

    public let problems: [Problem]

    public init(problems: [Problem]) {
        self.problems = problems
    }

    /// The distinct codes present, for quick tests.
    public var codes: Set<Code> { Set(problems.map(\.code)) }

    public var description: String {
        "topic catalogue has \(problems.count) problem(s):\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
