import DCSMessages
import DCSSchema
import Foundation

/// The checked topic catalogue (`topics/catalogue.yaml` plus `topics/schemas/`), with the compiled
/// value schemas.
///
/// A value of this type always passed every check, so the lookups for the topics every deployment
/// needs (``requestTopic(for:)``, ``resultsTopic``...) cannot fail.
public struct TopicCatalogue: Sendable {
    /// Every topic, in catalogue order (templates expanded).
    public let topics: [TopicSpec]
    /// Compiled value schemas by file name.
    public let schemas: [String: JSONSchema]

    private let indexByName: [String: Int]

    /// Builds a catalogue from specs and compiled schemas, running the same checks as ``load(directory:)``.
    public init(topics: [TopicSpec], schemas: [String: JSONSchema]) throws(CatalogueError) {
        let problems = Self.check(topics, schemas: schemas, schemaFilesPresent: Set(schemas.keys), lines: [:])
        guard problems.isEmpty else { throw CatalogueError(problems: problems) }
        self.init(unchecked: topics, schemas: schemas)
    }

    private init(unchecked topics: [TopicSpec], schemas: [String: JSONSchema]) {
        self.topics = topics
        self.schemas = schemas
        var index: [String: Int] = [:]
        for (i, t) in topics.enumerated() where index[t.name] == nil { index[t.name] = i }
        self.indexByName = index
    }

    /// Loads and checks `catalogue.yaml` and the schemas under `schemas/` in `directory`.
    ///
    /// - Throws: ``CatalogueError`` listing every problem found (not just the first).
    public static func load(directory: URL) throws(CatalogueError) -> TopicCatalogue {
        let file = directory.appendingPathComponent(CatalogueParser.file)
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw CatalogueError(problems: [.init(code: .fileUnreadable, file: file.path, message: "cannot read the catalogue: \(error.localizedDescription)")])
        }
        var parser = CatalogueParser()
        let specs = parser.parse(yaml: text)
        var problems = parser.problems

        // Compile each referenced schema once, whatever the number of topics sharing it.
        let schemaDir = directory.appendingPathComponent("schemas")
        var schemas: [String: JSONSchema] = [:]
        var present: Set<String> = []
        for name in Set(specs.map(\.valueSchema)).sorted() {
            let url = schemaDir.appendingPathComponent(name)
            guard let data = try? Data(contentsOf: url) else { continue }  // reported per topic by check()
            present.insert(name)
            do {
                schemas[name] = try JSONSchema(data: data)
            } catch {
                problems.append(.init(code: .schemaCompileFailed, file: "schemas/\(name)", message: "\(error.code.rawValue) at '\(error.pointer)': \(error.message)"))
            }
        }
        problems += check(specs, schemas: schemas, schemaFilesPresent: present, lines: parser.lines)
        guard problems.isEmpty else { throw CatalogueError(problems: problems) }
        return TopicCatalogue(unchecked: specs, schemas: schemas)
    }

    // MARK: Look-ups

    /// The topic with this exact name.
    public func topic(named name: String) -> TopicSpec? {
        indexByName[name].map { topics[$0] }
    }

    /// `dcs.requests.<category>`.
    public func requestTopic(for category: ServiceCategory) -> TopicSpec {
        topics.first { $0.kind == .request && $0.category == category }!
    }

    /// `dcs.results`.
    public var resultsTopic: TopicSpec { topics.first { $0.kind == .result }! }

    /// `dcs.dlq.<category>`.
    public func deadLetterTopic(for category: ServiceCategory) -> TopicSpec {
        topics.first { $0.kind == .deadLetter && $0.category == category }!
    }

    /// The retry ladder of a category, shortest delay first.
    public func retryTopics(for category: ServiceCategory) -> [TopicSpec] {
        topics.filter { $0.kind == .retry && $0.category == category }.sorted { ($0.retryDelaySeconds ?? 0) < ($1.retryDelaySeconds ?? 0) }
    }

    /// `dcs.security-events`.
    public var securityEventsTopic: TopicSpec { topics.first { $0.kind == .securityEvents }! }

    /// `dcs.dlq.replay-log`.
    public var replayLogTopic: TopicSpec { topics.first { $0.kind == .replayLog }! }

    /// The compiled value schema of a topic; `nil` for an unknown topic.
    public func schema(forTopic name: String) -> JSONSchema? {
        topic(named: name).flatMap { schemas[$0.valueSchema] }
    }

    /// Validates a message value against its topic's schema.
    ///
    /// Returns no violation when valid. A value that is not JSON gives one violation with keyword
    /// `json`; an unknown topic gives one with keyword `topic`.
    public func validate(value: Data, onTopic name: String) -> [SchemaViolation] {
        guard let schema = schema(forTopic: name) else {
            return [SchemaViolation(instancePath: "", keyword: "topic", schemaPath: "", message: "topic '\(name)' is not in the catalogue")]
        }
        do {
            return schema.validate(try JSONValue(parsing: value))
        } catch {
            return [SchemaViolation(instancePath: "", keyword: "json", schemaPath: "", message: "value is not JSON: \(error.message)")]
        }
    }
}
