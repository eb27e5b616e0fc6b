import DCSDomain
import DCSSchema
import Foundation

/// Household insurance samples.
extension HealthSampleTraffic {
    /// Household `index` counted from `base`: the head first, then up to four more members; for a
    /// purchase, people are added until at least one is not insured elsewhere.
    func household(base: Int, index: Int, now: Date, needsPayer: Bool) -> [CitizenRecord] {
        let first = base + index * 16
        var people = (0..<(1 + index % 5)).map { service.citizens.citizen(at: first + $0) }
        var next = first + people.count
        let today = CivilDate.inHoChiMinhCity(now)
        while needsPayer, people.allSatisfy({ service.insuranceRegistry.card(for: $0, on: today) != nil }), next < first + 16 {
            people.append(service.citizens.citizen(at: next))
            next += 1
        }
        return people
    }

    func householdPayload(_ people: [CitizenRecord], term: Int, now: Date) -> [String: JSONValue] {
        [
            "household_head_id_number": .string(people[0].id.value),
            "members": .array(people.map { .object(["id_number": .string($0.id.value), "full_name": .string($0.fullName)]) }),
            "term_months": .integer(Int64(term)),
            "consent": Self.consent(now),
        ]
    }

    /// The total the worker will compute, as a station shows it after a quote.
    func expectedTotal(_ people: [CitizenRecord], term: Int, now: Date) -> Int64 {
        let today = CivilDate.inHoChiMinhCity(now)
        var order = 0
        var total: Int64 = 0
        for person in people where service.insuranceRegistry.card(for: person, on: today) == nil {
            order += 1
            total += service.contribution.amount(rank: order, months: term)
        }
        return total
    }

    func validHousehold(_ serviceID: String, base: Int, index: Int, now: Date) -> SampleRequest {
        let purchase = serviceID == HealthServiceID.insurancePurchase.rawValue
        let people = household(base: base, index: index, now: now, needsPayer: purchase)
        let terms = service.configuration.termsMonths.sorted()
        let term = terms[index % terms.count]
        var payload = householdPayload(people, term: term, now: now)
        if index % 2 == 1 {
            payload["start_date"] = .string(CivilDate.inHoChiMinhCity(now).adding(days: index % 7).description)
        }
        if index % 3 == 0, case .array(var members)? = payload["members"], case .object(var member) = members[0] {
            // Names are compared after case folding: a name typed in capitals still matches.
            member["full_name"] = .string(people[0].fullName.uppercased())
            members[0] = .object(member)
            payload["members"] = .array(members)
        }
        if purchase { payload["expected_total"] = .integer(expectedTotal(people, term: term, now: now)) }
        return SampleRequest(serviceID: serviceID, payload: payload, subject: people[0].id.value, expectation: .valid)
    }

    func invalidHousehold(_ serviceID: String, index: Int, now: Date) -> SampleRequest {
        let purchase = serviceID == HealthServiceID.insurancePurchase.rawValue
        // Households of their own, never bought by valid samples.
        let people = household(base: purchase ? 600_000 : 500_000, index: index, now: now, needsPayer: true)
        let term = service.configuration.termsMonths.sorted().last!
        var payload = householdPayload(people, term: term, now: now)
        if purchase { payload["expected_total"] = .integer(expectedTotal(people, term: term, now: now)) }
        let today = CivilDate.inHoChiMinhCity(now)
        let subject = people[0].id.value
        let round = index / (purchase ? 12 : 10)
        let code: String
        func member(_ person: CitizenRecord, name: String? = nil) -> JSONValue {
            .object(["id_number": .string(person.id.value), "full_name": .string(name ?? person.fullName)])
        }
        switch index % (purchase ? 12 : 10) {
        case 0:
            payload["consent"] = .object(["purpose": "health_data", "granted": false,
                                          "granted_at": .string(RFC3339.string(from: now.addingTimeInterval(-30)))])
            code = HealthRejection.consentRequiredCode
        case 1:
            let malformed = ["07912345678", "079-123-456-789", "999123456789"][round % 3]
            payload["household_head_id_number"] = .string(malformed)
            // Nothing to normalise: the station keys the raw text.
            return Self.rejected(serviceID, payload, subject: malformed, Self.code(.insuranceInvalidIDNumber))
        case 2:
            let unknown = service.citizens.unknownID(at: 1_000 + index)
            payload["household_head_id_number"] = .string(unknown.value)
            return Self.rejected(serviceID, payload, subject: unknown.value, Self.code(.insuranceCitizenNotFound))
        case 3:
            payload["term_months"] = .integer([1, 5, 9, 24][round % 4])
            code = Self.code(.insuranceInvalidTerm)
        case 4:
            payload["start_date"] = .string((round % 2 == 0 ? today.adding(days: -1)
                                             : today.adding(days: service.configuration.maxStartDelayDays + 1)).description)
            code = Self.code(.insuranceInvalidStartDate)
        case 5:
            payload["members"] = .array([])
            code = Self.code(.insuranceNoMembers)
        case 6:
            let many = (0...service.configuration.maxHouseholdMembers).map { service.citizens.citizen(at: 700_000 + index * 32 + $0) }
            payload["members"] = .array(many.map { member($0) })
            code = Self.code(.insuranceTooManyMembers)
        case 7:
            payload["members"] = .array(people.map { member($0) } + [member(people[0])])
            code = Self.code(.insuranceDuplicateMember)
        case 8:
            payload["members"] = .array(people.map { member($0) }
                + [.object(["id_number": .string(service.citizens.unknownID(at: 2_000 + index).value), "full_name": "Nguyễn Văn An"])])
            code = Self.code(.insuranceCitizenNotFound)
        case 9:
            // Without diacritics, or another given name: not the registered name.
            let folded = people[0].fullName.folding(options: .diacriticInsensitive, locale: nil)
            let name = round % 2 == 0 && !PersonName.matches(folded, people[0].fullName) ? folded : people[0].fullName + " An"
            payload["members"] = .array([member(people[0], name: name)] + people.dropFirst().map { member($0) })
            code = Self.code(.insuranceNameMismatch)
        case 10:
            let total = expectedTotal(people, term: term, now: now)
            payload["expected_total"] = .integer(round % 2 == 0 ? total + 1_000 : max(0, total - 1))
            code = Self.code(.insuranceAmountMismatch)
        default:
            let insured = insuredElsewhere(count: 1 + round % 2, from: 800_000 + index * 64, on: today)
            payload["household_head_id_number"] = .string(insured[0].id.value)
            payload["members"] = .array(insured.map { member($0) })
            payload["expected_total"] = nil
            return Self.rejected(serviceID, payload, subject: insured[0].id.value, Self.code(.insuranceAllMembersInsuredElsewhere))
        }
        return Self.rejected(serviceID, payload, subject: subject, code)
    }

    /// The first `count` citizens from index `from` on who hold a card through another group.
    func insuredElsewhere(count: Int, from: Int, on date: CivilDate) -> [CitizenRecord] {
        var found: [CitizenRecord] = []
        var index = from
        while found.count < count {
            let person = service.citizens.citizen(at: index)
            if service.insuranceRegistry.card(for: person, on: date) != nil { found.append(person) }
            index += 1
        }
        return found
    }
}
