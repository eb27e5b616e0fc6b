import DCSMessages
import DCSSchema

extension TopicCatalogue {
    /// Kafka's legal topic characters; dots and underscores collide in metric names, so the
    /// catalogue uses dots and dashes only.
    static func isLegalTopicName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 249 && name != "." && name != ".."
            && name.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 45 }
    }

    /// Checks that need the whole, expanded topic list.
    static func check(_ specs: [TopicSpec], schemas: [String: JSONSchema], schemaFilesPresent: Set<String>, lines: [String: Int]) -> [CatalogueError.Problem] {
        var problems: [CatalogueError.Problem] = []
        func add(_ code: CatalogueError.Code, _ topic: String?, _ message: String) {
            problems.append(.init(code: code, topic: topic, file: CatalogueParser.file, line: topic.flatMap { lines[$0] }, message: message))
        }

        var seen: Set<String> = []
        for t in specs {
            if !seen.insert(t.name).inserted {
                add(.duplicateTopic, t.name, "topic '\(t.name)' is defined more than once")
            }
            if !isLegalTopicName(t.name) {
                add(.invalidTopicName, t.name, "'\(t.name)' is not a legal topic name (lowercase a-z, 0-9, '.', '-'; at most 249 characters)")
            }
            if t.partitions < 1 {
                add(.invalidPartitions, t.name, "partitions must be at least 1, is \(t.partitions)")
            }
            if t.replicationFactor < 1 {
                add(.invalidReplication, t.name, "replication_factor must be at least 1, is \(t.replicationFactor)")
            }
            if t.minInSyncReplicas < 1 {
                add(.invalidReplication, t.name, "min_insync_replicas must be at least 1, is \(t.minInSyncReplicas)")
            } else if t.minInSyncReplicas > t.replicationFactor {
                add(.minISRExceedsReplication, t.name, "min_insync_replicas \(t.minInSyncReplicas) exceeds replication_factor \(t.replicationFactor): every acks=all write would fail")
            }
            if t.retentionMs == 0 || t.retentionMs < -1 {
                add(.invalidRetention, t.name, "retention.ms must be positive or -1 (forever), is \(t.retentionMs)")
            }
            if t.kind == .retry, t.retryDelaySeconds == nil {
                add(.missingRetryDelay, t.name, "a retry topic needs a retry delay")
            }
            if let d = t.retryDelaySeconds, d < 1 {
                add(.invalidRetryDelay, t.name, "retry delay must be at least 1 second")
            }
            if t.kind.isPerCategory, t.category == nil {
                add(.missingField, t.name, "a \(t.kind.rawValue) topic needs a 'category'")
            }
            if t.key.field.isEmpty || t.key.why.isEmpty {
                add(.missingKeyRule, t.name, "every topic must state its message key and why")
            }
            for k in t.extraConfig.keys where TopicSpec.managedConfigKeys.contains(k) {
                add(.configConflict, t.name, "'\(k)' is set by a dedicated catalogue field")
            }
            if !schemaFilesPresent.contains(t.valueSchema) {
                add(.unknownSchemaFile, t.name, "value schema '\(t.valueSchema)' does not exist under topics/schemas/")
            }
        }

        func requireOne(_ kind: TopicKind, _ category: ServiceCategory?, _ what: String) {
            let n = specs.filter { $0.kind == kind && $0.category == category }.count
            if n == 0 {
                add(.missingTopic, nil, "no \(what) topic is defined")
            } else if n > 1 && kind != .retry {
                add(.ambiguousTopic, nil, "\(n) topics claim to be the \(what) topic")
            }
        }
        for c in ServiceCategory.allCases {
            requireOne(.request, c, "\(c.rawValue) request")
            requireOne(.deadLetter, c, "\(c.rawValue) dead-letter")
            requireOne(.retry, c, "\(c.rawValue) retry")
            let delays = specs.filter { $0.kind == .retry && $0.category == c }.compactMap(\.retryDelaySeconds)
            if Set(delays).count != delays.count {
                add(.ambiguousTopic, nil, "two \(c.rawValue) retry topics have the same delay")
            }
        }
        requireOne(.result, nil, "results")
        requireOne(.securityEvents, nil, "security events")
        requireOne(.replayLog, nil, "dead-letter replay log")
        return problems
    }
}
