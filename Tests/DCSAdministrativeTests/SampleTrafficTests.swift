import DCSDomain
import DCSSchema
import Foundation
import GRDB
import Testing
@testable import DCSAdministrative

/// Locates `topics/` by walking up from this file, falling back to /work/main.
func topicsDirectory() -> URL {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while url.path != "/" {
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("topics/catalogue.yaml").path) {
            return url.appendingPathComponent("topics")
        }
        url = url.deletingLastPathComponent()
    }
    return URL(fileURLWithPath: "/work/main/topics")
}

@Suite("Sample traffic and payload schemas")
struct SampleTrafficTests {
    let traffic = AdministrativeSampleTraffic()

    @Test func everySampleGetsItsExpectedOutcome() throws {
        let queue = try makeDatabase()
        #expect(Set(traffic.serviceIDs) == Set(AdministrativeService.serviceIDs))
        var seenCodes = Set<String>()
        for serviceID in traffic.serviceIDs {
            var completed = 0
            for index in 0..<40 {
                let now = wednesday.addingTimeInterval(TimeInterval(index * 60))
                let invalid = traffic.invalid(serviceID, index: index, now: now)
                guard case .rejected(let expected) = invalid.expectation else { Issue.record("invalid sample expects success"); continue }
                let outcome = try run(serviceID, invalid.payload, in: queue, now: now)
                #expect(outcome.code == expected, "\(serviceID) #\(index)")
                seenCodes.insert(expected)
                let valid = traffic.valid(serviceID, index: index, now: now)
                #expect(valid.expectation == .valid)
                let result = try run(serviceID, valid.payload, in: queue, now: now)
                if result.data != nil { completed += 1 } else { Issue.record("\(serviceID) #\(index) valid got \(result.code ?? "?")") }
                // The subject is the normalised partition key.
                if let agency = valid.payload["agency_code"]?.stringValue { #expect(valid.subject == AgencyDirectory.normalized(agency)) }
                if let code = valid.payload["dossier_code"]?.stringValue { #expect(valid.subject == DossierCode.subject(of: code)) }
                if let ward = valid.payload["ward_code"]?.stringValue { #expect(valid.subject == ward) }
            }
            #expect(completed >= 38, "\(serviceID): \(completed)/40")
        }
        // The samples exercise every rejection code except the one only reachable by exhausting a day's sequence.
        let missing = Set(AdministrativeRejection.codes).subtracting(seenCodes)
        #expect(missing == ["administrative.dossier.sequence_exhausted"])
    }

    @Test func samplesAreDeterministic() {
        for serviceID in traffic.serviceIDs {
            #expect(traffic.valid(serviceID, index: 7, now: wednesday) == AdministrativeSampleTraffic().valid(serviceID, index: 7, now: wednesday))
            #expect(traffic.invalid(serviceID, index: 7, now: wednesday) == AdministrativeSampleTraffic().invalid(serviceID, index: 7, now: wednesday))
        }
    }

    @Test func payloadSchemasAcceptTheValidSamples() throws {
        let topics = topicsDirectory()
        let catalogue = try String(contentsOf: topics.appendingPathComponent("services/administrative.yaml"), encoding: .utf8)
        #expect(catalogue.contains("category: administrative"))
        for serviceID in AdministrativeService.serviceIDs {
            #expect(catalogue.contains("- id: \(serviceID)\n"), "\(serviceID) missing from the catalogue")
            #expect(catalogue.contains("payload_schema: payloads/\(serviceID).schema.json"))
            let data = try Data(contentsOf: topics.appendingPathComponent("schemas/payloads/\(serviceID).schema.json"))
            let schema = try JSONSchema(data: data)
            #expect(schema.id?.hasSuffix("\(serviceID).schema.json") == true)
            for index in 0..<40 {
                let sample = traffic.valid(serviceID, index: index, now: wednesday)
                let violations = schema.validate(.object(sample.payload))
                #expect(violations.isEmpty, "\(serviceID) #\(index): \(violations)")
            }
            // Strict: an unknown field fails.
            var extra = traffic.valid(serviceID, index: 0, now: wednesday).payload
            extra["unexpected"] = true
            #expect(!schema.isValid(.object(extra)))
        }
    }
}
