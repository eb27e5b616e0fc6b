import DCSCatalogue
import DCSMessages
import DCSSchema
import Foundation
import Testing

@Suite("Service catalogue")
struct ServiceCatalogueTests {
    @Test func repositoryCatalogueLoads() throws {
        let catalogue = try ServiceCatalogue.load(directory: RepoTopics.directory)
        for category in ServiceCategory.allCases {
            #expect(!catalogue.services(in: category).isEmpty, "no services for \(category)")
        }
        for spec in catalogue.services {
            #expect(catalogue.payloadSchemas[spec.payloadSchema] != nil)
            #expect(!spec.partitionKey.isEmpty)
        }
        #expect(catalogue.service("utilities.electricity.pay")?.effect == .write)
        #expect(catalogue.service("utilities.electricity.lookup")?.partitionKey == "customer_code")
    }

    @Test func payloadsAreCheckedAgainstTheirSchema() throws {
        let catalogue = try ServiceCatalogue.load(directory: RepoTopics.directory)
        #expect(catalogue.validate(payload: ["customer_code": "PE04001234567"], for: "utilities.electricity.lookup").isEmpty)
        #expect(!catalogue.validate(payload: ["customer_code": "PE0400"], for: "utilities.electricity.lookup").isEmpty)
        #expect(!catalogue.validate(payload: ["customer_code": "PE04001234567", "extra": 1], for: "utilities.electricity.lookup").isEmpty)
        #expect(!catalogue.validate(payload: [:], for: "utilities.gas.lookup").isEmpty)
    }

    @Test func everyFaultIsReportedWithItsCode() throws {
        let dir = try copyOfRepoTopics()
        defer { try? FileManager.default.removeItem(at: dir) }
        defer { try? FileManager.default.removeItem(at: dir) }
        let services = dir.appendingPathComponent("services")
        try """
        category: health
        services:
          - id: health.telemedicine.register
            summary: twice
            payload_schema: payloads/health.telemedicine.register.schema.json
            partition_key: clinic_id
            consent: health_data
            effect: write
          - id: health.telemedicine.register
            summary: twice
            payload_schema: payloads/health.telemedicine.register.schema.json
            partition_key: clinic_id
            consent: health_data
            effect: write
          - id: banking.account.open
            summary: wrong file
            payload_schema: payloads/banking.account.open.schema.json
            partition_key: id_number
            consent: biometric_data
            effect: write
          - id: health.insurance.purchase
            summary: bad fields
            payload_schema: payloads/missing.schema.json
            partition_key: household_head_id_number
            consent: always
            effect: write
            colour: blue
        """.write(to: services.appendingPathComponent("health.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: services.appendingPathComponent("telecom.yaml"))
        #expect {
            try ServiceCatalogue.load(directory: dir)
        } throws: { error in
            guard let error = error as? CatalogueError else { return false }
            return error.codes.isSuperset(of: [.duplicateService, .unknownCategory, .invalidField, .unknownField, .fileUnreadable])
        }
        try "category: health\nservices: []\n".write(to: services.appendingPathComponent("health.yaml"), atomically: true, encoding: .utf8)
                try """
        category: telecom
        services:
          - id: telecom.sim.list
            summary: a schema that is missing
            payload_schema: payloads/nowhere.schema.json
            partition_key: id_number
            consent: none
            effect: read
        """.write(to: services.appendingPathComponent("telecom.yaml"), atomically: true, encoding: .utf8)
        #expect {
            try ServiceCatalogue.load(directory: dir)
        } throws: { error in
            guard let error = error as? CatalogueError else { return false }
            return error.codes == [.missingField, .unknownSchemaFile]
        }
    }

    private func copyOfRepoTopics() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dcs-services-\(UUID().uuidString)")
        // Resolve first: copying a symlinked topics/ would copy the link and let the test write
        // into the repository's own files.
        try FileManager.default.copyItem(at: RepoTopics.directory.resolvingSymlinksInPath(), to: dir)
        return dir
    }
}
