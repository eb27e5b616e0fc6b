import DCSDomain
import DCSSchema
import Foundation
import Testing
@testable import DCSTelecom

/// The repository's `topics/` folder: walking up from this file (which may sit behind a symlinked
/// scratch package), else /work/main.
func topicsDirectory() -> URL {
    var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while directory.path != "/" {
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent("topics/catalogue.yaml").path) {
            return directory.appendingPathComponent("topics")
        }
        directory = directory.deletingLastPathComponent()
    }
    return URL(fileURLWithPath: "/work/main/topics")
}

@Suite("Payload schemas and the service catalogue")
struct PayloadSchemaTests {
    func schema(_ serviceID: String) throws -> JSONSchema {
        let url = topicsDirectory().appendingPathComponent("schemas/payloads/\(serviceID).schema.json")
        return try JSONSchema(data: try Data(contentsOf: url))
    }

    @Test(arguments: TelecomService.serviceIDs)
    func validSamplesPassTheSchema(serviceID: String) throws {
        let compiled = try schema(serviceID)
        #expect(compiled.id == "https://dcs.hcmc.example/schemas/payloads/\(serviceID).schema.json")
        #expect(compiled.document["$schema"] == "https://json-schema.org/draft/2020-12/schema")
        for index in 0..<40 {
            let sample = traffic.valid(serviceID, index: index, now: testNow)
            let violations = compiled.validate(.object(sample.payload))
            #expect(violations.isEmpty, "\(serviceID) #\(index): \(violations)")
        }
    }

    @Test(arguments: TelecomService.serviceIDs)
    func schemasRejectUnknownFieldsAndMissingIDs(serviceID: String) throws {
        let compiled = try schema(serviceID)
        var payload = traffic.valid(serviceID, index: 0, now: testNow).payload
        payload["extra"] = "x"
        #expect(!compiled.isValid(.object(payload)))
        payload.removeValue(forKey: "extra")
        payload.removeValue(forKey: "id_number")
        #expect(!compiled.isValid(.object(payload)))
    }

    @Test func catalogueListsEveryServiceOnce() throws {
        let text = try String(contentsOf: topicsDirectory().appendingPathComponent("services/telecom.yaml"), encoding: .utf8)
        #expect(text.contains("category: telecom"))
        let ids = text.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.hasPrefix("- id: ") ? String(trimmed.dropFirst(6)) : nil
        }
        #expect(ids == TelecomService.serviceIDs)
        for id in ids {
            #expect(text.contains("payload_schema: payloads/\(id).schema.json"))
        }
        #expect(text.components(separatedBy: "partition_key: id_number").count - 1 == ids.count)
        #expect(text.components(separatedBy: "consent: biometric_data").count - 1 == 2)
    }
}
