import DCSDomain
import DCSMessages
import DCSSchema
import Foundation
import GRDB

/// Household health insurance: quote (no writes) and purchase.
///
/// Payload: `{household_head_id_number, members: [{id_number, full_name}, ...], term_months,
/// start_date?: "YYYY-MM-DD" (default today), expected_total?: VND (purchase), consent}`.
/// Members are listed in the order the household wants the contribution order applied; the head
/// must be a known citizen but need not be a member.
///
/// Rules, in order: consent; the head's ID number is well formed and known; the term is offered;
/// the start is between today and `maxStartDelayDays` later; 1...`maxHouseholdMembers` members,
/// each well formed, listed once, known, with the registered name (PersonName comparison). Members
/// holding a card through another group are left out and listed with the reason; the
/// 100/70/60/50/40% order applies to the rest. Quote and purchase then refuse paying members who
/// already hold a household policy bought here overlapping the term (policies bought under another
/// household head live in another partition database: the national BHYT registry is the check
/// for those). Purchase also refuses a household with nobody left to pay and an `expected_total`
/// that differs from the amount due, and answers the same purchase sent again as a replay.
extension HealthService {
    func quote(_ request: DomainRequest, db: Database) throws -> [String: JSONValue] {
        let quote = try householdQuote(request)
        try rejectOverlaps(quote, db: db)
        return quote.json(serviceID: request.serviceID)
    }

    func purchase(_ request: DomainRequest, db: Database) throws -> [String: JSONValue] {
        let quote = try householdQuote(request)
        let expectedTotal = try request.payload.optionalInteger("expected_total")
        let purchaseKey = purchaseKey(quote)

        // The same household, members, start and term bought again under a new request id
        // (a station retry, a second press): answer with the purchase already made.
        if let stored = try String.fetchOne(
            db.cachedStatement(sql: "SELECT result_json FROM health_insurance_purchase WHERE purchase_key = ?"), arguments: [purchaseKey]) {
            guard case .object(var result) = try JSONValue(parsing: stored) else {
                throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "unreadable health_insurance_purchase result")
            }
            result["service_id"] = .string(request.serviceID)
            result["replayed"] = true
            return result
        }

        guard !quote.paying.isEmpty else {
            throw HealthRejection.allMembersInsuredElsewhere(quote.excluded.map { HouseholdQuote.json($0, policyID: nil) })
        }
        try rejectOverlaps(quote, db: db)
        if let expectedTotal, expectedTotal != quote.total {
            throw HealthRejection.amountMismatch(expected: expectedTotal, total: quote.total)
        }

        let purchaseID = Self.purchaseID(request)
        var policyIDs: [Int: String] = [:]
        for line in quote.paying { policyIDs[line.contributionOrder!] = purchaseID + "-" + CivilDate.pad(line.contributionOrder!, 2) }
        var result = quote.json(serviceID: request.serviceID, policyIDs: policyIDs)
        result["purchase_id"] = .string(purchaseID)
        result["status"] = "registered"
        result["purchased_at"] = .string(RFC3339.string(from: request.now))
        result["replayed"] = false

        try db.cachedStatement(sql: """
            INSERT INTO health_insurance_purchase
                (id, purchase_key, request_id, household_key, term_months, start_date, end_date, base_salary,
                 rate_basis_points, member_count, total_amount, purchased_at, result_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                purchaseID, purchaseKey, request.requestID.lowercasedString, quote.householdKey, quote.termMonths,
                quote.startDate.description, quote.endDate.description, contribution.baseSalary, contribution.rateBasisPoints,
                quote.paying.count, quote.total, RFC3339.string(from: request.now), JSONValue.object(result).jsonString,
            ])
        let insertPolicy = try db.cachedStatement(sql: """
            INSERT INTO health_insurance_policy
                (id, purchase_id, member_key, position, contribution_order, share_percent, amount, start_date, end_date)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for line in quote.paying {
            try insertPolicy.execute(arguments: [
                policyIDs[line.contributionOrder!]!, purchaseID, line.memberKey, line.position, line.contributionOrder!,
                line.sharePercent!, line.amount, quote.startDate.description, quote.endDate.description,
            ])
        }
        return result
    }

    /// Reads and checks the payload, then prices the household. No database access.
    func householdQuote(_ request: DomainRequest) throws -> HouseholdQuote {
        let payload = request.payload
        let today = request.today
        let headField = "household_head_id_number"
        let headID = try Self.citizenID(try payload.string(headField), field: headField, HealthRejection.insuranceInvalidIDNumber)
        guard let head = citizens.record(for: headID) else { throw HealthRejection.citizenNotFound(headField, headID) }

        let term = try payload.integer("term_months")
        guard let months = Int(exactly: term), configuration.termsMonths.contains(months) else {
            throw HealthRejection.invalidTerm(term, allowed: configuration.termsMonths.sorted())
        }
        let latestStart = today.adding(days: configuration.maxStartDelayDays)
        let start = try payload.optionalDate("start_date") ?? today
        guard start >= today, start <= latestStart else {
            throw HealthRejection.invalidStartDate(earliest: today, latest: latestStart)
        }

        let members = try payload.objects("members")
        guard !members.isEmpty else { throw HealthRejection.noMembers() }
        guard members.count <= configuration.maxHouseholdMembers else {
            throw HealthRejection.tooManyMembers(max: configuration.maxHouseholdMembers)
        }
        var seen: [String: Int] = [:]
        var people: [CitizenRecord] = []
        for (index, member) in members.enumerated() {
            let field = "members[\(index)]"
            let id = try Self.citizenID(try member.string("id_number"), field: field + ".id_number", HealthRejection.insuranceInvalidIDNumber)
            let name = try member.string("full_name")
            if let first = seen[id.value] { throw HealthRejection.duplicateMember(position: index + 1, firstPosition: first) }
            seen[id.value] = index + 1
            guard let citizen = citizens.record(for: id) else { throw HealthRejection.citizenNotFound(field + ".id_number", id) }
            guard PersonName.matches(name, citizen.fullName) else { throw HealthRejection.nameMismatch(field + ".full_name") }
            people.append(citizen)
        }

        var order = 0
        let lines = people.enumerated().map { index, citizen in
            let card = insuranceRegistry.card(for: citizen, on: today)
            var rank: Int?
            if card == nil { order += 1; rank = order }
            return HouseholdQuote.Line(
                position: index + 1, citizen: citizen, memberKey: citizenKey(citizen.id), cardElsewhere: card,
                contributionOrder: rank, sharePercent: rank.map(contribution.sharePercent(rank:)),
                amount: rank.map { contribution.amount(rank: $0, months: months) } ?? 0)
        }
        return HouseholdQuote(head: head, householdKey: citizenKey(headID), termMonths: months, startDate: start,
                              endDate: start.coverEnd(months: months), contribution: contribution, lines: lines)
    }

    /// Refuses a quote or purchase for paying members who already hold a household policy bought
    /// here whose term overlaps the requested one.
    private func rejectOverlaps(_ quote: HouseholdQuote, db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            SELECT start_date, end_date FROM health_insurance_policy
            WHERE member_key = ? AND start_date <= ? AND end_date >= ? ORDER BY end_date DESC LIMIT 1
            """)
        var conflicts: [JSONValue] = []
        for line in quote.paying {
            guard let row = try Row.fetchOne(statement, arguments: [line.memberKey, quote.endDate.description, quote.startDate.description])
            else { continue }
            let from: String = row["start_date"]
            let until: String = row["end_date"]
            conflicts.append(.object([
                "position": .integer(Int64(line.position)),
                "id_number_masked": .string(line.citizen.id.masked),
                "covered_from": .string(from),
                "covered_until": .string(until),
            ]))
        }
        guard conflicts.isEmpty else { throw HealthRejection.memberAlreadyCovered(conflicts) }
    }

    /// The natural key of a purchase: household head, start, term and the ordered member list,
    /// as one keyed hash (no ID number in clear).
    func purchaseKey(_ quote: HouseholdQuote) -> String {
        let text = ["household", quote.head.id.value, quote.startDate.description, String(quote.termMonths)]
            + quote.lines.map(\.citizen.id.value)
        return Hex.lowercase(citizenHMAC.authenticationCode(Array(text.joined(separator: "|").utf8)))
    }

    /// `BHGD-<YYMMDD>-<8 hex>`: the day of purchase and a digest of the request id.
    static func purchaseID(_ request: DomainRequest) -> String {
        let day = request.today
        let digest = Digest.hex(Digest.sha256(Array("dcs.health.purchase:\(request.requestID.lowercasedString)".utf8)))
        return "BHGD-\(CivilDate.pad(day.year % 100, 2))\(CivilDate.pad(day.month, 2))\(CivilDate.pad(day.day, 2))-\(digest.prefix(8).uppercased())"
    }
}
