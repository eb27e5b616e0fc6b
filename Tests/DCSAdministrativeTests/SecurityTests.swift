import DCSDomain
import DCSSchema
import Foundation
import GRDB
import Testing
@testable import DCSAdministrative

@Suite("Security and order: notices and reports")
struct SecurityTests {
    let text = "Có người lạ gọi điện giả danh công an yêu cầu chuyển tiền."

    @Test func reportsGetDenseTrackingCodesPerWardAndDay() throws {
        let queue = try makeDatabase()
        let first = try #require(try run("administrative.security.report", ["category": "fraud", "description": .string(text)], in: queue).data)
        #expect(first.str("tracking_code") == "ANTT-27097-251015-0001" && first["anonymous"] == true && first["contact_phone_masked"] == .null)
        let second = try #require(try run("administrative.security.report",
                                          ["category": "fire_hazard", "description": .string(text + " Và dây điện chập."), "location": "Hẻm 12"],
                                          in: queue).data)
        #expect(second.str("tracking_code") == "ANTT-27097-251015-0002" && second.str("emergency_hotline") == "114")
        let otherWard = try #require(try run("administrative.security.report",
                                             ["ward_code": "26740", "category": "noise", "description": .string(text)], in: queue).data)
        #expect(otherWard.str("tracking_code") == "ANTT-26740-251015-0001")
        let nextDay = try #require(try run("administrative.security.report", ["category": "fraud", "description": .string(text)], in: queue,
                                           now: hcmc("2025-10-16")).data)
        #expect(nextDay.str("tracking_code") == "ANTT-27097-251016-0001")
        // The same report again (spacing, case) gets the first code back.
        let again = try #require(try run("administrative.security.report",
                                         ["category": "fraud", "description": .string("  " + text.uppercased() + " ")], in: queue).data)
        #expect(again.str("tracking_code") == "ANTT-27097-251015-0001" && again["replayed"] == true)
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM administrative_security_report") } == 4)
    }

    @Test func contactPhoneIsKeptMaskedAndHashed() throws {
        let queue = try makeDatabase()
        let result = try #require(try run("administrative.security.report",
                                          ["category": "theft", "description": .string(text), "contact_phone": "+84 912 345 678",
                                           "wants_callback": true], in: queue).data)
        #expect(result.str("contact_phone_masked") == "091****678" && result["anonymous"] == false && result["wants_callback"] == true)
        let row = try #require(try queue.read { try Row.fetchOne($0, sql: "SELECT * FROM administrative_security_report") })
        #expect(row["phone_masked"] == "091****678")
        let key: String = row["phone_key"]
        #expect(key.count == 64 && !row.description.contains("912345678"))
    }

    @Test(arguments: [
        (["ward_code": "2709", "category": "fraud"], "administrative.security.ward_code_invalid"),
        (["category": "littering"], "administrative.security.category_unknown"),
        (["category": "fraud", "description": "Mất xe"], "administrative.security.description_too_short"),
        (["category": "fraud", "description": .string(String(repeating: "a", count: 2_001))], "administrative.security.description_too_long"),
        (["category": "fraud", "location": .string(String(repeating: "b", count: 301))], "administrative.security.location_too_long"),
        (["category": "fraud", "contact_phone": "0201234567"], "administrative.security.phone_invalid"),
        (["category": "fraud", "contact_phone": "12345"], "administrative.security.phone_invalid"),
        (["category": "fraud", "wants_callback": true], "administrative.security.callback_requires_phone"),
        (["category": "fraud", "wants_callback": "yes"], "administrative.payload_invalid"),
        ([:], "administrative.payload_invalid"),
    ] as [([String: JSONValue], String)])
    func reportRules(changes: [String: JSONValue], code: String) throws {
        var payload: [String: JSONValue] = ["description": .string(text)]
        payload.merge(changes) { _, new in new }
        #expect(try run("administrative.security.report", payload, in: try makeDatabase()).code == code)
    }

    @Test func reportDefaultsToTheStationsWard() throws {
        let queue = try makeDatabase()
        let result = try run("administrative.security.report", ["category": "other", "description": .string(text)], in: queue, ward: "27118")
        #expect(result.data?.str("tracking_code") == "ANTT-27118-251015-0001")
    }

    @Test func noticesByWard() throws {
        let queue = try makeDatabase()
        let result = try #require(try run("administrative.security.notices", ["ward_code": "27097", "limit": 50], in: queue).data)
        let notices = try #require(result["notices"]?.arrayValue)
        #expect(!notices.isEmpty && Int64(notices.count) == result.int("total"))
        let dates = notices.compactMap { $0["published_on"]?.stringValue }
        #expect(dates == dates.sorted(by: >))
        #expect(notices.allSatisfy { ($0["valid_until"]?.stringValue ?? "") >= "2025-10-15" && ($0["published_on"]?.stringValue ?? "") <= "2025-10-15" })
        // The same world in every process; another ward has another board.
        #expect(try run("administrative.security.notices", ["ward_code": "27097", "limit": 50], in: try makeDatabase()).data?["notices"] == result["notices"])
        #expect(try run("administrative.security.notices", ["ward_code": "26740", "limit": 50], in: queue).data?["notices"] != result["notices"])
        let limited = try #require(try run("administrative.security.notices", ["limit": 1], in: queue).data)
        #expect(limited["notices"]?.arrayValue?.count == 1 && limited.str("ward_code") == "27097")
        let topic = try #require(notices.first?["topic"]?.stringValue)
        let filtered = try #require(try run("administrative.security.notices", ["topic": .string(topic), "limit": 50], in: queue).data)
        #expect(filtered["notices"]?.arrayValue?.allSatisfy { $0["topic"]?.stringValue == topic } == true)
        #expect(try run("administrative.security.notices", ["ward_code": "ABCDE"], in: queue).code == "administrative.security.ward_code_invalid")
        #expect(try run("administrative.security.notices", ["topic": "lottery"], in: queue).code == "administrative.security.topic_unknown")
        #expect(try run("administrative.security.notices", ["limit": 0], in: queue).code == "administrative.security.limit_out_of_range")
        #expect(try run("administrative.security.notices", ["limit": 51], in: queue).code == "administrative.security.limit_out_of_range")
        #expect(try run("administrative.security.notices", ["limit": "ten"], in: queue).code == "administrative.payload_invalid")
    }
}
