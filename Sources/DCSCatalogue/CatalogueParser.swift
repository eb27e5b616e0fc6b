import DCSMessages
import Foundation
import Yams

/// Reads `catalogue.yaml` into topic specs, expanding the per-category templates and collecting
/// every problem instead of stopping at the first.
struct CatalogueParser {
    static let file = "catalogue.yaml"
    static let topLevelKeys: Set<String> = ["catalogue_version", "categories", "retry_tiers", "per_category", "topics"]
    static let topicKeys: Set<String> = [
        "name", "kind", "category", "partitions", "replication_factor", "min_insync_replicas", "retention",
        "cleanup_policy", "key", "value_schema", "retry_delay", "description", "config",
    ]
    static let cleanupPolicies: Set<String> = ["delete", "compact", "compact,delete"]

    struct Tier {
        let name: String
        let delaySeconds: Int
    }

    private(set) var problems: [CatalogueError.Problem] = []
    /// Line of the entry each expanded topic came from, for later checks.
    private(set) var lines: [String: Int] = [:]

    mutating func parse(yaml text: String) -> [TopicSpec] {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            var line: Int?
            if let e = error as? YamlError {
                switch e {
                case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): line = mark.line
                default: break
                }
            }
            problem(.yamlSyntax, line: line, "YAML syntax error: \(error)")
            return []
        }
        guard let root, let top = root.mapping else {
            problem(.invalidField, line: root?.mark?.line, "the catalogue must be a YAML mapping with 'topics'")
            return []
        }
        for (k, _) in top {
            let key = k.string ?? ""
            if !Self.topLevelKeys.contains(key) {
                problem(.unknownField, line: k.mark?.line, "unknown top-level key '\(key)'; expected one of \(Self.topLevelKeys.sorted().joined(separator: ", "))")
            }
        }

        var categories = ServiceCategory.allCases
        if let node = top["categories"] {
            if let seq = node.sequence {
                categories = []
                for item in seq {
                    if let s = item.string, let c = ServiceCategory(rawValue: s) {
                        categories.append(c)
                    } else {
                        problem(.unknownCategory, line: item.mark?.line, "unknown category '\(item.string ?? "?")'")
                    }
                }
            } else {
                problem(.invalidField, line: node.mark?.line, "'categories' must be a list")
            }
        }

        let tiers = parseTiers(top["retry_tiers"])
        var specs: [TopicSpec] = []

        if let node = top["per_category"] {
            guard let seq = node.sequence else {
                problem(.invalidField, line: node.mark?.line, "'per_category' must be a list of topic templates")
                return specs
            }
            for entry in seq {
                guard let template = parseEntry(entry, isTemplate: true) else { continue }
                let usesTier = template.name.contains("{tier}")
                if !template.name.contains("{category}") {
                    problem(.invalidTopicName, topic: template.name, line: template.line, "a per-category template name must contain {category}")
                    continue
                }
                if usesTier && template.kind != .retry {
                    problem(.invalidField, topic: template.name, line: template.line, "only retry templates may use {tier}")
                    continue
                }
                if template.kind == .retry && !usesTier && template.retryDelaySeconds == nil {
                    problem(.missingRetryDelay, topic: template.name, line: template.line, "a retry topic needs 'retry_delay' (or a {tier} in its name)")
                }
                for category in categories {
                    let expansions: [(String, Int?)] = usesTier ? tiers.map { ($0.name, $0.delaySeconds) } : [("", template.retryDelaySeconds)]
                    for (tierName, delay) in expansions {
                        var spec = template
                        func fill(_ s: String) -> String {
                            s.replacingOccurrences(of: "{category}", with: category.rawValue).replacingOccurrences(of: "{tier}", with: tierName)
                        }
                        spec.name = fill(template.name)
                        spec.description = fill(template.description)
                        spec.category = category
                        spec.retryDelaySeconds = delay
                        lines[spec.name] = lines[spec.name] ?? template.line
                        specs.append(spec.spec)
                    }
                }
            }
        }

        if let node = top["topics"] {
            if let seq = node.sequence {
                for entry in seq {
                    guard let raw = parseEntry(entry, isTemplate: false) else { continue }
                    if raw.kind == .retry && raw.retryDelaySeconds == nil {
                        problem(.missingRetryDelay, topic: raw.name, line: raw.line, "a retry topic needs 'retry_delay'")
                    }
                    lines[raw.name] = lines[raw.name] ?? raw.line
                    specs.append(raw.spec)
                }
            } else {
                problem(.invalidField, line: node.mark?.line, "'topics' must be a list")
            }
        } else if top["per_category"] == nil {
            problem(.missingField, line: root.mark?.line, "the catalogue defines no topics ('topics' / 'per_category')")
        }
        return specs
    }

    private mutating func parseTiers(_ node: Node?) -> [Tier] {
        guard let node else { return [] }
        guard let seq = node.sequence else {
            problem(.invalidField, line: node.mark?.line, "'retry_tiers' must be a list of {name, delay}")
            return []
        }
        var tiers: [Tier] = []
        for item in seq {
            guard let m = item.mapping, let name = m["name"]?.string, !name.isEmpty else {
                problem(.missingField, line: item.mark?.line, "a retry tier needs a 'name'")
                continue
            }
            for (k, _) in m where !["name", "delay"].contains(k.string ?? "") {
                problem(.unknownField, line: k.mark?.line, "unknown retry tier key '\(k.string ?? "")'")
            }
            guard let text = m["delay"]?.string else {
                problem(.missingRetryDelay, line: item.mark?.line, "retry tier '\(name)' needs a 'delay'")
                continue
            }
            guard let ms = CatalogueDuration.milliseconds(text), ms % 1_000 == 0 else {
                problem(.invalidRetryDelay, line: m["delay"]?.mark?.line, "retry tier '\(name)': '\(text)' is not a whole number of seconds like 10s, 1m, 10m")
                continue
            }
            if tiers.contains(where: { $0.name == name }) {
                problem(.invalidField, line: item.mark?.line, "retry tier '\(name)' is defined twice")
                continue
            }
            tiers.append(Tier(name: name, delaySeconds: Int(ms / 1_000)))
        }
        return tiers
    }

    /// A topic entry with its fields read; templates keep their placeholders.
    struct RawTopic {
        var name: String
        var kind: TopicKind
        var category: ServiceCategory?
        var partitions: Int
        var replicationFactor: Int
        var minInSyncReplicas: Int
        var retentionMs: Int64
        var cleanupPolicy: String
        var key: KeyRule
        var valueSchema: String
        var retryDelaySeconds: Int?
        var description: String
        var extraConfig: [String: String]
        var line: Int?

        var spec: TopicSpec {
            TopicSpec(
                name: name, kind: kind, category: category, partitions: partitions, replicationFactor: replicationFactor,
                minInSyncReplicas: minInSyncReplicas, retentionMs: retentionMs, cleanupPolicy: cleanupPolicy, key: key,
                valueSchema: valueSchema, retryDelaySeconds: retryDelaySeconds, description: description, extraConfig: extraConfig)
        }
    }

    private mutating func parseEntry(_ node: Node, isTemplate: Bool) -> RawTopic? {
        let line = node.mark?.line
        guard let m = node.mapping else {
            problem(.invalidField, line: line, "a topic entry must be a mapping")
            return nil
        }
        let name = m["name"]?.string ?? ""
        let topic: String? = name.isEmpty ? nil : name
        let before = problems.count
        func field(_ key: String) -> Node? { m[key] }
        func fail(_ code: CatalogueError.Code, _ key: String?, _ message: String) {
            problem(code, topic: topic, line: key.flatMap { field($0)?.mark?.line } ?? line, message)
        }
        func requiredString(_ key: String) -> String? {
            guard let n = field(key) else { fail(.missingField, nil, "missing '\(key)'"); return nil }
            guard let s = n.string, !s.isEmpty, n.scalar != nil else { fail(.invalidField, key, "'\(key)' must be a non-empty string"); return nil }
            return s
        }
        func requiredInt(_ key: String) -> Int? {
            guard let n = field(key) else { fail(.missingField, nil, "missing '\(key)'"); return nil }
            guard let i = n.int else { fail(.invalidField, key, "'\(key)' must be an integer, found '\(n.string ?? "?")'"); return nil }
            return i
        }

        for (k, _) in m where !Self.topicKeys.contains(k.string ?? "") {
            problem(.unknownField, topic: topic, line: k.mark?.line, "unknown topic key '\(k.string ?? "")'; expected one of \(Self.topicKeys.sorted().joined(separator: ", "))")
        }
        if topic == nil { fail(.missingField, nil, "a topic entry needs a 'name'") }

        var kind: TopicKind?
        if let k = requiredString("kind") {
            kind = TopicKind(rawValue: k)
            if kind == nil { fail(.invalidField, "kind", "unknown kind '\(k)'; expected one of \(TopicKind.allCases.map(\.rawValue).joined(separator: ", "))") }
        }
        var category: ServiceCategory?
        if let n = field("category") {
            if isTemplate {
                fail(.invalidField, "category", "a per-category template takes its category from the expansion; remove 'category'")
            } else if let s = n.string, let c = ServiceCategory(rawValue: s) {
                category = c
            } else {
                fail(.unknownCategory, "category", "unknown category '\(n.string ?? "?")'")
            }
        }
        let partitions = requiredInt("partitions")
        let rf = requiredInt("replication_factor")
        let isr = requiredInt("min_insync_replicas")
        var retentionMs: Int64?
        if let r = requiredString("retention") {
            retentionMs = CatalogueDuration.retentionMs(r)
            if retentionMs == nil { fail(.invalidRetention, "retention", "'\(r)' is not a retention like 7d, 90d, 12h or forever") }
        }
        var cleanup: String?
        if let c = requiredString("cleanup_policy") {
            let normalised = c.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.sorted().joined(separator: ",")
            if Self.cleanupPolicies.contains(normalised) {
                cleanup = normalised
            } else {
                fail(.invalidCleanupPolicy, "cleanup_policy", "'\(c)' is not one of delete, compact, compact,delete")
            }
        }
        var key: KeyRule?
        if let k = field("key") {
            if let km = k.mapping, let f = km["field"]?.string, !f.isEmpty, let why = km["why"]?.string,
               !why.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                key = KeyRule(field: f, why: why.trimmingCharacters(in: .whitespacesAndNewlines))
                for (kk, _) in km where !["field", "why"].contains(kk.string ?? "") {
                    problem(.unknownField, topic: topic, line: kk.mark?.line, "unknown key rule field '\(kk.string ?? "")'")
                }
            } else {
                fail(.missingKeyRule, "key", "'key' must have a non-empty 'field' (what the key is) and 'why' (the reason)")
            }
        } else {
            fail(.missingKeyRule, nil, "every topic must state its message key: key: {field, why}")
        }
        var schema: String?
        if let s = requiredString("value_schema") {
            if s.contains("/") || s.hasPrefix(".") || !s.hasSuffix(".json") {
                fail(.invalidField, "value_schema", "'\(s)' must be a plain .json file name under topics/schemas/")
            } else {
                schema = s
            }
        }
        var delay: Int?
        if let n = field("retry_delay") {
            if let text = n.string, let ms = CatalogueDuration.milliseconds(text), ms % 1_000 == 0 {
                delay = Int(ms / 1_000)
            } else {
                fail(.invalidRetryDelay, "retry_delay", "'\(n.string ?? "?")' is not a whole number of seconds like 10s, 1m, 10m")
            }
            if let kind, kind != .retry { fail(.invalidField, "retry_delay", "only retry topics have a 'retry_delay'") }
        }
        let description = field("description")?.string?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if description.isEmpty { fail(.missingField, "description", "missing 'description'") }
        var config: [String: String] = [:]
        if let n = field("config") {
            if let cm = n.mapping {
                for (k, v) in cm {
                    guard let ks = k.string, let vs = v.string, v.scalar != nil else {
                        problem(.invalidField, topic: topic, line: k.mark?.line, "config entries must be key: value scalars")
                        continue
                    }
                    if TopicSpec.managedConfigKeys.contains(ks) {
                        problem(.configConflict, topic: topic, line: k.mark?.line, "'\(ks)' is set by a dedicated catalogue field; remove it from 'config'")
                    } else {
                        config[ks] = vs
                    }
                }
            } else {
                fail(.invalidField, "config", "'config' must be a mapping of Kafka topic configs")
            }
        }

        guard problems.count == before, let topic, let kind, let partitions, let rf, let isr, let retentionMs,
              let cleanup, let key, let schema
        else { return nil }
        return RawTopic(
            name: topic, kind: kind, category: category, partitions: partitions, replicationFactor: rf,
            minInSyncReplicas: isr, retentionMs: retentionMs, cleanupPolicy: cleanup, key: key, valueSchema: schema,
            retryDelaySeconds: delay, description: description, extraConfig: config, line: line)
    }

    private mutating func problem(_ code: CatalogueError.Code, topic: String? = nil, line: Int?, _ message: String) {
        problems.append(.init(code: code, topic: topic, file: Self.file, line: line, message: message))
    }
}
