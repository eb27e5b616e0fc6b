import DCSDomain
import DCSSchema
import Foundation
import Testing

@Suite("Payload reading and consent")
struct PayloadReaderTests {
    let payload = PayloadReader([
        "name": "Hoa", "blank": "  ", "count": 3, "whole": .number(4.0), "fraction": .number(1.5),
        "flag": true, "date": "2025-10-10", "bad_date": "10/10/2025",
        "items": [["a": 1], ["a": 2]], "mixed": [["a": 1], 2], "tags": ["x", "y"],
    ], category: "health")

    private func code(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch let rejection as DomainRejection { return rejection.code } catch { return "unexpected" }
    }

    @Test func typedFields() throws {
        #expect(try payload.string("name") == "Hoa")
        #expect(try payload.integer("count") == 3)
        #expect(try payload.integer("whole") == 4)
        #expect(try payload.optionalBool("flag") == true)
        #expect(try payload.date("date") == CivilDate(year: 2025, month: 10, day: 10))
        #expect(try payload.objects("items").map { try $0.integer("a") } == [1, 2])
        #expect(try payload.optionalStrings("tags") == ["x", "y"])
        #expect(try payload.optionalString("absent") == nil)
    }

    @Test func everyProblemIsAPayloadInvalidRejection() {
        let problems: [() throws -> Void] = [
            { _ = try payload.string("absent") }, { _ = try payload.string("blank") }, { _ = try payload.string("count") },
            { _ = try payload.integer("fraction") }, { _ = try payload.integer("name") }, { _ = try payload.date("bad_date") },
            { _ = try payload.objects("mixed") }, { _ = try payload.optionalBool("name") }, { _ = try payload.optionalStrings("items") },
        ]
        for problem in problems { #expect(code(problem) == "health.payload_invalid") }
    }

    @Test func consentMustBeExplicitForThePurposeAndNotLaterThanTheRequest() throws {
        let submitted = Date(timeIntervalSince1970: 1_760_000_000)
        func reader(_ consent: JSONValue?) -> PayloadReader {
            PayloadReader(consent.map { ["consent": $0] } ?? [:], category: "health")
        }
        let granted: JSONValue = ["purpose": "health_data", "granted": true, "granted_at": .string(RFC3339.string(from: submitted))]
        #expect(try reader(granted).hasConsent(.healthData, submittedAt: submitted))
        #expect(try !reader(granted).hasConsent(.biometricData, submittedAt: submitted))
        #expect(try !reader(nil).hasConsent(.healthData, submittedAt: submitted))
        #expect(try !reader(["purpose": "health_data", "granted": false, "granted_at": "2025-10-09T00:00:00Z"]).hasConsent(.healthData, submittedAt: submitted))
        #expect(try !reader(["purpose": "health_data", "granted": true]).hasConsent(.healthData, submittedAt: submitted))
        let later: JSONValue = ["purpose": "health_data", "granted": true, "granted_at": .string(RFC3339.string(from: submitted.addingTimeInterval(3_600)))]
        #expect(try !reader(later).hasConsent(.healthData, submittedAt: submitted))
        #expect(code { try reader(nil).requireConsent(.healthData, submittedAt: submitted) } == "health.consent_required")
        #expect(code { _ = try reader(["purpose": "health_data", "granted": true, "granted_at": "yesterday"]).hasConsent(.healthData, submittedAt: submitted) } == "health.payload_invalid")
    }
}
