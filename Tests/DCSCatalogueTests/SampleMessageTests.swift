import DCSCatalogue
import DCSSchema
import Foundation
import Testing

/// Every file under `topics/samples/<schema>/valid` must pass its schema; every file under
/// `invalid` must fail, with a violation of the keyword named in the file name
/// (`<description>.<keyword>.json`).
@Suite("Sample messages")
struct SampleMessageTests {
    struct Sample: Sendable, CustomTestStringConvertible {
        let schemaFile: String
        let url: URL
        let expectValid: Bool
        var testDescription: String { "\(schemaFile)/\(expectValid ? "valid" : "invalid")/\(url.lastPathComponent)" }
    }

    static let samples: [Sample] = {
        let fm = FileManager.default
        let root = RepoTopics.directory.appendingPathComponent("samples")
        var out: [Sample] = []
        for dir in (try? fm.contentsOfDirectory(atPath: root.path))?.sorted() ?? [] {
            for (sub, valid) in [("valid", true), ("invalid", false)] {
                let folder = root.appendingPathComponent(dir).appendingPathComponent(sub)
                for f in (try? fm.contentsOfDirectory(atPath: folder.path))?.sorted() ?? [] where f.hasSuffix(".json") {
                    out.append(Sample(schemaFile: "\(dir).schema.json", url: folder.appendingPathComponent(f), expectValid: valid))
                }
            }
        }
        return out
    }()

    @Test func everySchemaHasValidAndInvalidSamples() throws {
        let catalogue = try TopicCatalogue.load(directory: RepoTopics.directory)
        for schema in Set(catalogue.topics.map(\.valueSchema)) {
            #expect(Self.samples.contains { $0.schemaFile == schema && $0.expectValid }, "no valid sample for \(schema)")
            #expect(Self.samples.contains { $0.schemaFile == schema && !$0.expectValid }, "no invalid sample for \(schema)")
        }
    }

    @Test(arguments: samples)
    func sample(_ s: Sample) throws {
        let catalogue = try TopicCatalogue.load(directory: RepoTopics.directory)
        let schema = try #require(catalogue.schemas[s.schemaFile], "no compiled schema \(s.schemaFile)")
        let value = try JSONValue(parsing: Data(contentsOf: s.url))
        let violations = schema.validate(value)
        if s.expectValid {
            #expect(violations == [], "\(violations)")
        } else {
            let keyword = s.url.deletingPathExtension().pathExtension
            #expect(!keyword.isEmpty, "invalid sample names must end in .<keyword>.json")
            #expect(violations.contains { $0.keyword == keyword }, "expected a '\(keyword)' violation, got \(violations)")
        }
    }
}
