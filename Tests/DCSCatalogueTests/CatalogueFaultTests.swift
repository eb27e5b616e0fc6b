import DCSCatalogue
import Foundation
import Testing

/// Each kind of fault, injected into a copy of the real catalogue, must be reported with its code.
@Suite("Catalogue faults")
struct CatalogueFaultTests {
    struct Fault: Sendable, CustomTestStringConvertible {
        let code: CatalogueError.Code
        let edit: @Sendable (String) -> String
        var extraSchemas: [String: String] = [:]
        var testDescription: String { code.rawValue }
    }

    static let resultsEntry = "  - name: dcs.results\n    kind: result\n"

    static let faults: [Fault] = [
        Fault(code: .yamlSyntax, edit: { $0 + "\n  - name: [unclosed\n" }),
        Fault(code: .duplicateTopic, edit: { $0.replacingOccurrences(of: "name: dcs.security-events", with: "name: dcs.results") }),
        Fault(code: .missingKeyRule, edit: { $0.replacingOccurrences(of: "      field: station_id\n", with: "") }),
        Fault(code: .unknownSchemaFile, edit: { $0.replacingOccurrences(of: "value_schema: security-event.schema.json", with: "value_schema: nope.schema.json") }),
        Fault(code: .schemaCompileFailed,
              edit: { $0.replacingOccurrences(of: "value_schema: security-event.schema.json", with: "value_schema: broken.schema.json") },
              extraSchemas: ["broken.schema.json": #"{"type": "object", "requird": ["a"]}"#]),
        Fault(code: .minISRExceedsReplication, edit: { $0.replacingOccurrences(of: "min_insync_replicas: 2\n    retention: 90d", with: "min_insync_replicas: 4\n    retention: 90d") }),
        Fault(code: .invalidPartitions, edit: { $0.replacingOccurrences(of: "partitions: 24", with: "partitions: 0") }),
        Fault(code: .invalidRetention, edit: { $0.replacingOccurrences(of: "retention: 90d", with: "retention: 90 days") }),
        Fault(code: .missingRetryDelay, edit: {
            $0 + """
              - name: dcs.retry.manual
                kind: retry
                category: utilities
                partitions: 1
                replication_factor: 3
                min_insync_replicas: 2
                retention: 1d
                cleanup_policy: delete
                key: {field: subject_key, why: test}
                value_schema: request-envelope.schema.json
                description: A retry topic that forgot its delay.

            """
        }),
        Fault(code: .missingRetryDelay, edit: { $0.replacingOccurrences(of: "  - name: 10m\n    delay: 10m\n", with: "  - name: 10m\n") }),
        Fault(code: .missingField, edit: { $0.replacingOccurrences(of: "    replication_factor: 3\n    min_insync_replicas: 2\n    retention: 90d", with: "    min_insync_replicas: 2\n    retention: 90d") }),
        Fault(code: .invalidField, edit: { $0.replacingOccurrences(of: "partitions: 24", with: "partitions: many") }),
        Fault(code: .unknownField, edit: { $0.replacingOccurrences(of: "    retention: 90d", with: "    retension: 90d") }),
        Fault(code: .invalidCleanupPolicy, edit: { $0.replacingOccurrences(of: "cleanup_policy: compact\n", with: "cleanup_policy: compacted\n") }),
        Fault(code: .configConflict, edit: { $0.replacingOccurrences(of: "min.cleanable.dirty.ratio: \"0.1\"", with: "retention.ms: \"1\"") }),
        Fault(code: .unknownCategory, edit: { $0.replacingOccurrences(of: "categories: [administrative,", with: "categories: [insurance, administrative,") }),
        Fault(code: .invalidTopicName, edit: { $0.replacingOccurrences(of: "name: dcs.security-events", with: "name: dcs.Security_Events") }),
        Fault(code: .missingTopic, edit: { $0.replacingOccurrences(of: "kind: security_events", with: "kind: result") }),
    ]

    @Test(arguments: faults)
    func faultIsReported(_ fault: Fault) throws {
        let text = try RepoTopics.catalogueText
        let broken = fault.edit(text)
        #expect(broken != text, "the edit for \(fault.code.rawValue) did not apply")
        let dir = try RepoTopics.scratch(catalogue: broken, extraSchemas: fault.extraSchemas)
        defer { try? FileManager.default.removeItem(at: dir) }
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            _ = try TopicCatalogue.load(directory: dir)
            Issue.record("expected \(fault.code.rawValue)")
        } catch {
            #expect(error.codes.contains(fault.code), "\(error)")
            for p in error.problems {
                #expect(!p.message.isEmpty)
                #expect(p.file != nil)
            }
        }
    }

    @Test func yamlSyntaxErrorsCarryALine() throws {
        let dir = try RepoTopics.scratch(catalogue: "topics:\n  - name: a\n    kind: [oops\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect {
            try TopicCatalogue.load(directory: dir)
        } throws: { error in
            guard let e = error as? CatalogueError, let p = e.problems.first else { return false }
            return p.code == .yamlSyntax && p.line != nil && p.file == "catalogue.yaml"
        }
    }

    @Test func allProblemsAreCollectedAtOnce() throws {
        var text = try RepoTopics.catalogueText
        text = text.replacingOccurrences(of: "partitions: 24", with: "partitions: 0")
        text = text.replacingOccurrences(of: "retention: 90d", with: "retention: soon")
        text = text.replacingOccurrences(of: "value_schema: replay-log-entry.schema.json", with: "value_schema: missing.schema.json")
        let dir = try RepoTopics.scratch(catalogue: text)
        defer { try? FileManager.default.removeItem(at: dir) }
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            _ = try TopicCatalogue.load(directory: dir)
            Issue.record("expected errors")
        } catch {
            #expect(error.codes.isSuperset(of: [.invalidPartitions, .invalidRetention, .unknownSchemaFile]), "\(error)")
            let partitions = try #require(error.problems.first { $0.code == .invalidPartitions })
            #expect(partitions.topic == "dcs.results")
            #expect(partitions.line != nil)
        }
    }

    @Test func missingDirectoryIsUnreadable() {
        do {
            _ = try TopicCatalogue.load(directory: URL(fileURLWithPath: "/nonexistent-dcs-topics"))
            Issue.record("expected an error")
        } catch {
            #expect(error.codes == [.fileUnreadable])
        }
    }
}
