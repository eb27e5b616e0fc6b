import DCSDomain
import DCSSchema
import Foundation
import GRDB
import Testing
@testable import DCSAdministrative

@Suite("Dossier submission")
struct SubmitTests {
    let today = CivilDate(parsing: "2025-10-15")!

    @Test func issuesCodeSequenceAppointmentAndFee() throws {
        let queue = try makeDatabase()
        let counter = testService.counterDossiers.count(agencyCode: wardAgency, on: today)
        let first = try #require(try run("administrative.dossier.submit", birthRegistration(), in: queue).data)
        #expect(first.str("dossier_code") == "30.10.H29-251015-\(CivilDate.pad(counter + 1, 4))")
        #expect(first.statusCode == 1)
        // 3 working days after Wednesday 15 Oct: 16, 17, 20 Oct.
        #expect(first.str("appointment_date") == "2025-10-20" && first.str("original_appointment_date") == "2025-10-20")
        #expect(first["fee"]?["amount"]?.int64Value == 24_000)  // 3 extracts x 8,000 VND
        #expect(first["fee"]?["paid"]?.boolValue == false)
        #expect(first.str("applicant_id_masked") == adult(0).id.masked)
        #expect(first["replayed"]?.boolValue == false)
        #expect(first["history"]?.arrayValue?.count == 1)
        let second = try #require(try run("administrative.dossier.submit", birthRegistration(adult(1)), in: queue).data)
        #expect(second.str("dossier_code") == "30.10.H29-251015-\(CivilDate.pad(counter + 2, 4))")
        // Another day starts again after that day's counter dossiers.
        let thursday = hcmc("2025-10-16")
        let next = try #require(try run("administrative.dossier.submit", birthRegistration(adult(2)), in: queue, now: thursday).data)
        let counterThursday = testService.counterDossiers.count(agencyCode: wardAgency, on: CivilDate(parsing: "2025-10-16")!)
        #expect(next.str("dossier_code") == "30.10.H29-251016-\(CivilDate.pad(counterThursday + 1, 4))")
        // The issued dossier can be looked up with the applicant's ID number.
        let status = try #require(try run("administrative.dossier.status",
                                          ["dossier_code": first["dossier_code"]!, "applicant_id_number": .string(adult(0).id.value)],
                                          in: queue).data)
        #expect(status.statusCode == 1)
    }

    @Test func aRepeatedSubmissionReturnsTheSameDossier() throws {
        let queue = try makeDatabase()
        let first = try #require(try run("administrative.dossier.submit", birthRegistration(), in: queue).data)
        let again = try #require(try run("administrative.dossier.submit", birthRegistration(), in: queue, now: wednesday.addingTimeInterval(90)).data)
        #expect(again["dossier_code"] == first["dossier_code"] && again["replayed"]?.boolValue == true)
        let other = try #require(try run("administrative.dossier.submit", birthRegistration(salt: "v2"), in: queue).data)
        #expect(other["dossier_code"] != first["dossier_code"])
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM administrative_dossier") } == 2)
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM administrative_document") } == 4)
    }

    @Test func departmentAndPostalSubmission() throws {
        let queue = try makeDatabase()
        var payload: [String: JSONValue] = [
            "agency_code": "000.00.10.h29", "procedure_code": "1.004227", "applicant_id_number": .string(adult(3).id.value),
            "channel": "postal", "postal_address": "Số 12 Mai Chí Thọ, phường Bình Trưng", "copies": 2,
            "documents": [doc("application_form"), doc("id_card_copy", mime: "image/JPEG")],
        ]
        let result = try #require(try run("administrative.dossier.submit", payload, in: queue).data)
        #expect(result["fee"]?["amount"]?.int64Value == 210_000)
        // 10 working days after 15 Oct 2025.
        #expect(result.str("appointment_date") == "2025-10-29")
        #expect(result.str("result_channel") == "postal")
        payload["postal_address"] = nil
        #expect(try run("administrative.dossier.submit", payload, in: queue).code == "administrative.dossier.postal_address_required")
    }

    @Test(arguments: [
        ("agency_code", JSONValue.string("99.99.H29"), "administrative.dossier.agency_unknown"),
        ("agency_code", "not a code", "administrative.dossier.agency_unknown"),
        ("procedure_code", "9.999999", "administrative.dossier.procedure_unknown"),
        ("procedure_code", "1.004227", "administrative.dossier.procedure_not_at_agency"),
        ("applicant_id_number", "07912345", "administrative.dossier.applicant_id_invalid"),
        ("applicant_id_number", "999123456789", "administrative.dossier.applicant_id_invalid"),
        ("copies", 11, "administrative.dossier.copies_out_of_range"),
        ("copies", -1, "administrative.dossier.copies_out_of_range"),
        ("channel", "fax", "administrative.dossier.channel_not_offered"),
        ("channel", "postal", "administrative.dossier.postal_address_required"),
        ("documents", [], "administrative.dossier.documents_missing"),
        ("documents", ["not an object"], "administrative.payload_invalid"),
        ("channel", nil, "administrative.payload_invalid"),
        ("copies", "three", "administrative.payload_invalid"),
    ] as [(String, JSONValue?, String)])
    func rejectsBrokenFields(field: String, value: JSONValue?, code: String) throws {
        var payload = birthRegistration()
        payload[field] = value
        let outcome = try run("administrative.dossier.submit", payload, in: try makeDatabase())
        #expect(outcome.code == code)
        #expect(outcome.rejection?.messageVi.isEmpty == false && outcome.rejection?.messageEn.isEmpty == false)
    }

    @Test func checksTheApplicant() throws {
        let queue = try makeDatabase()
        var payload = birthRegistration()
        payload["applicant_id_number"] = .string(testService.registry.unknownID(at: 1).value)
        #expect(try run("administrative.dossier.submit", payload, in: queue).code == "administrative.dossier.applicant_not_found")
        var index = 0
        while CitizenID.age(born: testService.registry.citizen(at: index).birthDate, on: today) >= 18 { index += 1 }
        payload["applicant_id_number"] = .string(testService.registry.citizen(at: index).id.value)
        let minor = try run("administrative.dossier.submit", payload, in: queue)
        #expect(minor.code == "administrative.dossier.applicant_underage")
        #expect(minor.rejection?.details?["minimum_age"] == 18)
        // Marriage: 20 for a man. Find a 19-year-old man.
        var man = 0
        while true {
            let person = testService.registry.citizen(at: man)
            if person.sex == .male, CitizenID.age(born: person.birthDate, on: today) == 19 { break }
            man += 1
        }
        let marriage: [String: JSONValue] = [
            "agency_code": .string(wardAgency), "procedure_code": "1.000894",
            "applicant_id_number": .string(testService.registry.citizen(at: man).id.value), "channel": "counter",
            "documents": [doc("application_form"), doc("id_card_copy")],
        ]
        #expect(try run("administrative.dossier.submit", marriage, in: queue).rejection?.details?["minimum_age"] == 20)
        var online = marriage
        online["applicant_id_number"] = .string(adult(5).id.value)
        online["channel"] = "online"
        #expect(try run("administrative.dossier.submit", online, in: queue).code == "administrative.dossier.channel_not_offered")
    }

    @Test func checksTheDocuments() throws {
        let queue = try makeDatabase()
        func submit(_ documents: [JSONValue]) throws -> Outcome {
            var payload = birthRegistration()
            payload["documents"] = .array(documents)
            return try run("administrative.dossier.submit", payload, in: queue)
        }
        let required = [doc("application_form"), doc("birth_certificate")]
        let missing = try submit([doc("application_form")])
        #expect(missing.code == "administrative.dossier.documents_missing")
        #expect(missing.rejection?.details?["missing_document_types"] == ["birth_certificate"])
        #expect(try submit(required + [doc("photo")]).code == "administrative.dossier.document_type_not_accepted")
        #expect(try submit(required + [doc("selfie")]).code == "administrative.dossier.document_type_not_accepted")
        #expect(try submit(required + [doc("marriage_certificate", mime: "application/zip")]).code
            == "administrative.dossier.document_format_not_accepted")
        #expect(try submit(required + [doc("marriage_certificate", size: 5 * 1_048_576 + 1)]).code == "administrative.dossier.document_too_large")
        #expect(try submit(required + [doc("marriage_certificate", size: 5 * 1_048_576)]).data != nil)
        #expect(try submit(required + [doc("marriage_certificate", size: 0)]).code == "administrative.payload_invalid")
        var badHash = doc("marriage_certificate").objectValue!
        badHash["sha256"] = .string(String(repeating: "g", count: 64))
        #expect(try submit(required + [.object(badHash)]).code == "administrative.dossier.document_hash_invalid")
        #expect(try submit(required + [required[0]]).code == "administrative.dossier.document_duplicate")
        let many = (0...20).map { doc("birth_certificate", "\($0)") } + [doc("application_form")]
        #expect(try submit(many).code == "administrative.dossier.too_many_documents")
    }

    @Test func sequenceIsExhaustedAt9999() throws {
        let queue = try makeDatabase()
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO administrative_dossier (code, agency_code, received_on, sequence, origin, procedure_code, applicant_key,
                    applicant_masked, channel, copies, fee, processing_days, received_at, status, next_step, clock_anchor_date,
                    clock_anchor_days, last_event_at, original_appointment_date, appointment_date, submission_key)
                VALUES ('30.10.H29-251015-9999', '30.10.H29', '2025-10-15', 9999, 'station', '1.001193', ?, '079*******12', 'counter',
                    0, 0, 3, '2025-10-15T03:00:00.000Z', 1, 0, '2025-10-15', 0, '2025-10-15T03:00:00.000Z', '2025-10-20', '2025-10-20', 'k')
                """, arguments: [String(repeating: "a", count: 64)])
        }
        #expect(try run("administrative.dossier.submit", birthRegistration(), in: queue).code == "administrative.dossier.sequence_exhausted")
    }

    @Test func unknownServiceIsRejected() throws {
        #expect(try run("administrative.dossier.delete", [:], in: try makeDatabase()).code == "administrative.service_unknown")
    }
}
