import DCSDomain
import DCSSchema

/// The contribution of a household for one term: every listed member in request order, those
/// insured through another group left out, the 100/70/60/50/40% order applied to the rest.
struct HouseholdQuote: Sendable {
    /// One listed member.
    struct Line: Sendable {
        /// 1-based place in the request's list.
        let position: Int
        let citizen: CitizenRecord
        /// Keyed hash of the ID number.
        let memberKey: String
        /// The card held through another group: the member is left out.
        let cardElsewhere: InsuranceCard?
        /// 1-based order among paying members (nil when left out).
        let contributionOrder: Int?
        let sharePercent: Int64?
        /// VND for the term; 0 when left out.
        let amount: Int64
    }

    let head: CitizenRecord
    let householdKey: String
    let termMonths: Int
    let startDate: CivilDate
    let endDate: CivilDate
    let contribution: HouseholdContribution
    let lines: [Line]

    var paying: [Line] { lines.filter { $0.cardElsewhere == nil } }
    var excluded: [Line] { lines.filter { $0.cardElsewhere != nil } }
    var total: Int64 { lines.reduce(0) { $0 + $1.amount } }

    /// The result data shared by quote and purchase; `policyIDs` by contribution order (purchase).
    func json(serviceID: String, policyIDs: [Int: String] = [:]) -> [String: JSONValue] {
        [
            "service_id": .string(serviceID),
            "household_head_id_masked": .string(head.id.masked),
            "term_months": .integer(Int64(termMonths)),
            "start_date": .string(startDate.description),
            "end_date": .string(endDate.description),
            "base_salary": .integer(contribution.baseSalary),
            "contribution_rate_basis_points": .integer(contribution.rateBasisPoints),
            "members": .array(lines.map { Self.json($0, policyID: $0.contributionOrder.flatMap { policyIDs[$0] }) }),
            "paying_count": .integer(Int64(paying.count)),
            "excluded_count": .integer(Int64(excluded.count)),
            "total_amount": .integer(total),
            "currency": "VND",
        ]
    }

    static func json(_ line: Line, policyID: String?) -> JSONValue {
        var member: [String: JSONValue] = [
            "position": .integer(Int64(line.position)),
            "id_number_masked": .string(line.citizen.id.masked),
            "full_name_masked": .string(PersonName.masked(line.citizen.fullName)),
            "amount": .integer(line.amount),
        ]
        if let card = line.cardElsewhere {
            member["status"] = "insured_elsewhere"
            member["insurance_card_masked"] = .string(card.masked)
            member["insured_group"] = .string(card.group)
            member["reason_vi"] = .string("Đã có thẻ BHYT theo nhóm \(card.groupNameVi), không tính vào hộ gia đình.")
            member["reason_en"] = .string("Already insured as \(card.groupNameEn); left out of the household.")
        } else {
            member["status"] = "paying"
            member["contribution_order"] = .integer(Int64(line.contributionOrder ?? 0))
            member["share_percent"] = .integer(line.sharePercent ?? 0)
            if let policyID { member["policy_id"] = .string(policyID) }
        }
        return .object(member)
    }
}
