import DCSDomain
import DCSSchema
import Foundation
import Testing
@testable import DCSHealth

/// The repository's `topics/` directory: up from this file to the folder holding
/// `topics/catalogue.yaml` (the test folder may be reached through a symlink), else /work/main.
func topicsDirectory() -> URL {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while url.path != "/" {
        let candidate = url.appendingPathComponent("topics")
        if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("catalogue.yaml").path) { return candidate }
        url = url.deletingLastPathComponent()
    }
    return URL(fileURLWithPath: "/work/main/topics")
}

@Suite("Payload schemas and the service catalogue")
struct PayloadSchemaTests {
    let traffic = HealthSampleTraffic(configuration: HealthConfiguration())

    func schema(_ serviceID: String) throws -> JSONSchema {
        let url = topicsDirectory().appendingPathComponent("schemas/payloads/\(serviceID).schema.json")
        return try JSONSchema(data: try Data(contentsOf: url))
    }

    @Test(arguments: HealthService.serviceIDs)
    func validSamplesSatisfyTheSchema(_ serviceID: String) throws {
        let compiled = try schema(serviceID)
        #expect(compiled.id == "https://dcs.hcmc.example/schemas/payloads/\(serviceID).schema.json")
        for index in 0..<40 {
            let sample = traffic.valid(serviceID, index: index, now: fixedNow)
            let violations = compiled.validate(.object(sample.payload))
            #expect(violations.isEmpty, "\(serviceID) #\(index): \(violations)")
        }
    }

    @Test(arguments: HealthService.serviceIDs)
    func theSchemaIsNotAnythingGoes(_ serviceID: String) throws {
        let compiled = try schema(serviceID)
        #expect(!compiled.isValid(.object([:])))
        var sample = traffic.valid(serviceID, index: 0, now: fixedNow).payload
        sample["unexpected"] = true
        #expect(!compiled.isValid(.object(sample)))
    }

    @Test func theCatalogueListsEveryService() throws {
        let text = try String(contentsOf: topicsDirectory().appendingPathComponent("services/health.yaml"), encoding: .utf8)
        #expect(text.contains("category: health"))
        for serviceID in HealthService.serviceIDs {
            #expect(text.contains("- id: \(serviceID)\n"))
            #expect(text.contains("payload_schema: payloads/\(serviceID).schema.json"))
        }
        let keys = text.split(separator: "\n").filter { $0.contains("partition_key:") }.map { $0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces) }
        #expect(keys == ["clinic_id", "booking_code", "booking_code", "household_head_id_number", "household_head_id_number"])
        #expect(text.components(separatedBy: "consent: health_data").count - 1 == HealthService.serviceIDs.count)
    }
}
