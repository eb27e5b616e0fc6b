import DCSDomain
import DCSSchema
import Foundation
import GRDB
import Testing
@testable import DCSHealth

let quoteID = HealthServiceID.insuranceQuote.rawValue
let purchaseID = HealthServiceID.insurancePurchase.rawValue

func member(_ person: CitizenRecord, name: String? = nil) -> JSONValue {
    .object(["id_number": .string(person.id.value), "full_name": .string(name ?? person.fullName)])
}

func household(_ people: [CitizenRecord], head: CitizenRecord? = nil, term: Int64 = 12, start: CivilDate? = nil,
               expectedTotal: Int64? = nil) -> [String: JSONValue] {
    var payload: [String: JSONValue] = [
        "household_head_id_number": .string((head ?? people[0]).id.value),
        "members": .array(people.map { member($0) }),
        "term_months": .integer(term),
        "consent": consent(),
    ]
    if let start { payload["start_date"] = .string(start.description) }
    if let expectedTotal { payload["expected_total"] = .integer(expectedTotal) }
    return payload
}

func members(_ data: [String: JSONValue]) -> [JSONValue] { data["members"]?.arrayValue ?? [] }

@Suite("Household health insurance")
struct InsuranceTests {
    let six = (0..<6).map { payingCitizen($0) }

    func rows(_ queue: DatabaseQueue, _ table: String) throws -> Int {
        try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM \(table)") ?? -1 }
    }

    @Test func quoteAppliesTheOrderOfTheDecreeAndWritesNothing() throws {
        let queue = try makeDatabase()
        let data = try #require(try run(quoteID, household(six), in: queue).data)
        #expect(data["service_id"] == "health.insurance.quote")
        #expect(members(data).map { $0["amount"] } == [1_263_600, 884_520, 758_160, 631_800, 505_440, 505_440].map { JSONValue.integer($0) })
        #expect(members(data).map { $0["share_percent"] } == [100, 70, 60, 50, 40, 40].map { JSONValue.integer($0) })
        #expect(members(data).map { $0["contribution_order"] } == (1...6).map { JSONValue.integer($0) })
        let total: Int64 = 1_263_600 + 884_520 + 758_160 + 631_800 + 505_440 * 2
        #expect(data["total_amount"] == .integer(total))
        #expect(data["start_date"] == .string(fixedToday.description))
        #expect(data["end_date"] == "2026-10-14")
        #expect(data["base_salary"] == 2_340_000)
        #expect(data["household_head_id_masked"] == .string(six[0].id.masked))
        #expect(try rows(queue, "health_insurance_purchase") == 0 && rows(queue, "health_insurance_policy") == 0)
    }

    static let prorated: [(Int64, Int64)] = [(3, 315_900 + 221_130), (6, 631_800 + 442_260), (12, 1_263_600 + 884_520)]

    @Test(arguments: prorated)
    func termsAreProrated(term: Int64, total: Int64) throws {
        let queue = try makeDatabase()
        let data = try #require(try run(quoteID, household(Array(six.prefix(2)), term: term), in: queue).data)
        #expect(data["total_amount"] == .integer(total))
        #expect(data["term_months"] == .integer(term))
    }

    @Test func membersInsuredElsewhereAreLeftOutAndTheOrderAppliesToTheRest() throws {
        let queue = try makeDatabase()
        let insured = insuredCitizen(0)
        let card = try #require(testService.insuranceRegistry.card(for: insured, on: fixedToday))
        let people = [six[0], insured, six[1], six[2]]
        let data = try #require(try run(quoteID, household(people), in: queue).data)
        let lines = members(data)
        #expect(lines.map { $0["status"] } == ["paying", "insured_elsewhere", "paying", "paying"])
        #expect(lines.map { $0["amount"] } == [1_263_600, 0, 884_520, 758_160])
        #expect(lines[1]["insurance_card_masked"] == .string(card.masked))
        #expect(lines[1]["insured_group"] == .string(card.group))
        #expect(lines[1]["contribution_order"] == nil)
        #expect(lines[2]["contribution_order"] == 2)
        #expect(data["excluded_count"] == 1)
        #expect(data["paying_count"] == 3)
        #expect(data["total_amount"] == .integer(1_263_600 + 884_520 + 758_160))
    }

    @Test func theSyntheticRegistryFollowsTheFacts() throws {
        let registry = testService.insuranceRegistry
        let people = (0..<2000).map { testService.citizens.citizen(at: $0, latestBirthYear: 2024) }
        var elsewhere = 0
        var adults = 0
        for person in people {
            let card = registry.card(for: person, on: fixedToday)
            if CitizenID.age(born: person.birthDate, on: fixedToday) < 6 {
                #expect(card?.group == "TE", "under-6s are always insured (state budget)")
            } else {
                adults += 1
                if let card { elsewhere += 1; #expect(["HS", "SV", "DN", "HT"].contains(card.group)) }
            }
            if let card {
                #expect(card.code.count == 15)
                #expect(card.code.dropFirst(3).prefix(2) == "79")
                #expect(card.masked.hasSuffix(String(card.socialInsuranceNumber.suffix(4))))
                #expect(!card.masked.contains(card.socialInsuranceNumber))
            }
            #expect(registry.card(for: person, on: fixedToday) == card, "deterministic")
        }
        let share = elsewhere * 100 / adults
        #expect((6...14).contains(share), "about 10% insured elsewhere: \(share)%")
    }

    @Test func purchaseRecordsAPolicyPerPayingMember() throws {
        let queue = try makeDatabase()
        let insured = insuredCitizen(1)
        let people = [six[0], six[1], insured]
        let data = try #require(try run(purchaseID, household(people, expectedTotal: 1_263_600 + 884_520), in: queue).data)
        #expect(data["service_id"] == "health.insurance.purchase")
        #expect(data["status"] == "registered")
        #expect(data["replayed"] == false)
        let purchase = try #require(data["purchase_id"]?.stringValue)
        #expect(purchase.hasPrefix("BHGD-251015-"))
        #expect(members(data).compactMap { $0["policy_id"]?.stringValue } == [purchase + "-01", purchase + "-02"])
        let policies = try queue.read { try Row.fetchAll($0, sql: "SELECT * FROM health_insurance_policy ORDER BY contribution_order") }
        #expect(policies.map { $0["amount"] as Int64 } == [1_263_600, 884_520])
        #expect(policies.map { $0["share_percent"] as Int64 } == [100, 70])
        #expect(policies.map { $0["member_key"] as String } == [six[0], six[1]].map { $0.id.keyedHash(key: testService.configuration.citizenKey) })
        #expect(policies.allSatisfy { $0["start_date"] == "2025-10-15" && $0["end_date"] == "2026-10-14" })
        let total = try queue.read { try Int64.fetchOne($0, sql: "SELECT total_amount FROM health_insurance_purchase") }
        #expect(total == Int64(2_148_120))
    }

    @Test func buyingTheSameHouseholdAgainAnswersWithTheFirstPurchase() throws {
        let queue = try makeDatabase()
        let payload = household(Array(six.prefix(3)), term: 6)
        let first = try #require(try run(purchaseID, payload, in: queue).data)
        let again = try #require(try run(purchaseID, payload, now: fixedNow.addingTimeInterval(120), in: queue).data)
        #expect(again["purchase_id"] == first["purchase_id"])
        #expect(again["total_amount"] == first["total_amount"])
        #expect(again["purchased_at"] == first["purchased_at"])
        #expect(again["replayed"] == true)
        #expect(try rows(queue, "health_insurance_purchase") == 1)
        #expect(try rows(queue, "health_insurance_policy") == 3)
    }

    @Test func aMemberAlreadyCoveredHereCannotBeBoughtForAgain() throws {
        let queue = try makeDatabase()
        #expect(try run(purchaseID, household([six[0], six[1]], term: 3), in: queue).data != nil)
        // six[1] in another household, starting inside the first term: refused, by quote as well.
        let overlapping = household([six[2], six[1]], term: 12, start: fixedToday.adding(days: 10))
        for serviceID in [quoteID, purchaseID] {
            let rejection = try #require(try run(serviceID, overlapping, in: queue).rejection)
            #expect(rejection.code == "health.insurance.member_already_covered")
            let conflict = try #require(rejection.details?["conflicts"]?[0])
            #expect(conflict["position"] == 2)
            #expect(conflict["covered_until"] == "2026-01-14")
            #expect(conflict["id_number_masked"] == .string(six[1].id.masked))
        }
        #expect(try rows(queue, "health_insurance_purchase") == 1)
        // After the term ends (a longer start delay configured), the member can be bought for again.
        let patient = HealthService(configuration: HealthConfiguration(maxStartDelayDays: 120))
        let next = household([six[2], six[1]], term: 12, start: CivilDate(year: 2026, month: 1, day: 15)!)
        #expect(try run(purchaseID, next, service: patient, in: queue).data?["total_amount"] == .integer(1_263_600 + 884_520))
        #expect(try run(purchaseID, household([six[1]], term: 3, start: CivilDate(year: 2026, month: 1, day: 14)!), service: patient, in: queue).code
            == "health.insurance.member_already_covered")
    }

    @Test func nothingToBuyWhenEveryMemberIsInsuredElsewhere() throws {
        let queue = try makeDatabase()
        let people = [insuredCitizen(0), insuredCitizen(1)]
        let rejection = try #require(try run(purchaseID, household(people), in: queue).rejection)
        #expect(rejection.code == "health.insurance.all_members_insured_elsewhere")
        #expect(rejection.details?["excluded_members"]?.arrayValue?.count == 2)
        // A quote still explains who is covered, with nothing to pay.
        let quote = try #require(try run(quoteID, household(people), in: queue).data)
        #expect(quote["total_amount"] == 0)
        #expect(try rows(queue, "health_insurance_purchase") == 0)
    }

    @Test func theTotalMustBeTheOneTheCitizenSaw() throws {
        let queue = try makeDatabase()
        let payload = household([six[0], six[1]], expectedTotal: 1_263_600)
        let rejection = try #require(try run(purchaseID, payload, in: queue).rejection)
        #expect(rejection.code == "health.insurance.amount_mismatch")
        #expect(rejection.details?["total_amount"] == .integer(1_263_600 + 884_520))
        #expect(rejection.messageVi.contains("2.148.120 đ"))
        #expect(try rows(queue, "health_insurance_purchase") == 0)
    }

    @Test(arguments: [quoteID, purchaseID])
    func memberListRules(_ serviceID: String) throws {
        let queue = try makeDatabase()
        var payload = household(six)
        payload["members"] = .array([])
        #expect(try run(serviceID, payload, in: queue).code == "health.insurance.no_members")
        payload["members"] = .array((0..<21).map { member(testService.citizens.citizen(at: 90_000 + $0)) })
        #expect(try run(serviceID, payload, in: queue).code == "health.insurance.too_many_members")
        payload["members"] = .array([member(six[0]), member(six[1]), member(six[0], name: six[0].fullName.uppercased())])
        let duplicate = try #require(try run(serviceID, payload, in: queue).rejection)
        #expect(duplicate.code == "health.insurance.duplicate_member")
        #expect(duplicate.details?["position"] == 3 && duplicate.details?["first_position"] == 1)
        payload["members"] = .array([member(six[0]), .object(["id_number": .string(testService.citizens.unknownID(at: 1).value), "full_name": "Lê Thị Hoa"])])
        let unknown = try #require(try run(serviceID, payload, in: queue).rejection)
        #expect(unknown.code == "health.insurance.citizen_not_found")
        #expect(unknown.details?["field"] == "members[1].id_number")
        payload["members"] = .array([member(six[0]), .object(["id_number": "07912345678", "full_name": "Lê Thị Hoa"])])
        #expect(try run(serviceID, payload, in: queue).code == "health.insurance.invalid_id_number")
        payload["members"] = .array([member(six[0]), .object(["id_number": .string(six[1].id.value)])])
        #expect(try run(serviceID, payload, in: queue).code == "health.payload_invalid")
        payload["members"] = nil
        #expect(try run(serviceID, payload, in: queue).code == "health.payload_invalid")
    }

    @Test func namesAreComparedAsThePopulationDatabaseDoes() throws {
        let queue = try makeDatabase()
        let person = six[0]
        let spaced = "  " + person.fullName.uppercased().replacingOccurrences(of: " ", with: "   ") + " "
        let decomposed = person.fullName.decomposedStringWithCanonicalMapping
        for name in [spaced, decomposed] {
            var payload = household([person])
            payload["members"] = .array([member(person, name: name)])
            #expect(try run(quoteID, payload, in: queue).data != nil, "\(name)")
        }
        var payload = household([person])
        payload["members"] = .array([member(person, name: person.fullName + " Văn")])
        let rejection = try #require(try run(quoteID, payload, in: queue).rejection)
        #expect(rejection.code == "health.insurance.name_mismatch")
        #expect(rejection.details?["field"] == "members[0].full_name")
        #expect(!rejection.messageVi.contains(person.fullName), "the registered name is not revealed")
    }

    @Test(arguments: [quoteID, purchaseID])
    func householdHeadTermAndStartRules(_ serviceID: String) throws {
        let queue = try makeDatabase()
        var payload = household(Array(six.prefix(2)))
        payload["household_head_id_number"] = "079 2 85 12345"
        #expect(try run(serviceID, payload, in: queue).code == "health.insurance.invalid_id_number")
        payload["household_head_id_number"] = .string(testService.citizens.unknownID(at: 5).value)
        #expect(try run(serviceID, payload, in: queue).code == "health.insurance.citizen_not_found")
        // Spaces and dots as people type them are tolerated.
        let spaced = six[0].id.value.enumerated().map { $0.offset % 3 == 2 ? "\($0.element) " : "\($0.element)" }.joined()
        payload["household_head_id_number"] = .string(spaced)
        #expect(try run(serviceID, payload, in: queue).data != nil)
        payload = household(Array(six.prefix(2)))
        for bad: Int64 in [0, 1, 5, 9, 24, -3] {
            payload["term_months"] = .integer(bad)
            let rejection = try #require(try run(serviceID, payload, in: queue).rejection)
            #expect(rejection.code == "health.insurance.invalid_term")
            #expect(rejection.details?["allowed_terms_months"] == [3, 6, 12])
        }
        payload["term_months"] = 12
        for start in [fixedToday.adding(days: -1), fixedToday.adding(days: 31)] {
            payload["start_date"] = .string(start.description)
            #expect(try run(serviceID, payload, in: queue).code == "health.insurance.invalid_start_date")
        }
        // (Other members: for a purchase, the first two are covered from today by now.)
        payload = household([six[2], six[3]], start: fixedToday.adding(days: 30))
        #expect(try run(serviceID, payload, in: queue).data?["end_date"] == "2026-11-13")
        payload["consent"] = nil
        #expect(try run(serviceID, payload, in: queue).code == "health.consent_required")
    }

    @Test func termsAreConfigurable() throws {
        let queue = try makeDatabase()
        let monthly = HealthService(configuration: HealthConfiguration(termsMonths: [1, 12]))
        #expect(try run(quoteID, household([six[0]], term: 1), service: monthly, in: queue).data?["total_amount"] == 105_300)
        #expect(try run(quoteID, household([six[0]], term: 3), service: monthly, in: queue).code == "health.insurance.invalid_term")
    }
}
