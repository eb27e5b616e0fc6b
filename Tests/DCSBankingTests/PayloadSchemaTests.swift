import DCSDomain
import DCSSchema
import Foundation
import Testing
@testable import DCSBanking

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

    @Test(arguments: BankingService.serviceIDs)
    func validSamplesPassTheSchema(serviceID: String) throws {
        let compiled = try schema(serviceID)
        #expect(compiled.id == "https://dcs.hcmc.example/schemas/payloads/\(serviceID).schema.json")
        #expect(compiled.document["$schema"] == "https://json-schema.org/draft/2020-12/schema")
        for index in 0..<40 {
            let payload = traffic.valid(serviceID, index: index, now: testNow).payload
            let violations = compiled.validate(.object(payload))
            #expect(violations.isEmpty, "\(serviceID) #\(index): \(violations)")
        }
    }

    @Test(arguments: BankingService.serviceIDs)
    func schemasAreStrict(serviceID: String) throws {
        let compiled = try schema(serviceID)
        var payload = traffic.valid(serviceID, index: 0, now: testNow).payload
        payload["extra"] = "x"
        #expect(!compiled.isValid(.object(payload)))
        #expect(!compiled.isValid(.object([:])))
    }

    @Test func catalogueListsEveryServiceOnce() throws {
        let text = try String(contentsOf: topicsDirectory().appendingPathComponent("services/banking.yaml"), encoding: .utf8)
        #expect(text.contains("category: banking"))
        let ids = text.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.hasPrefix("- id: ") ? String(trimmed.dropFirst(6)) : nil
        }
        #expect(ids == BankingService.serviceIDs)
        for id in ids {
            #expect(text.contains("payload_schema: payloads/\(id).schema.json"))
        }
        let keys = text.split(separator: "\n").filter { $0.contains("partition_key:") }.map { $0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces) }
        #expect(keys == ["id_number", "id_number", "account_number", "qr_payload", "id_number"])
    }
}
