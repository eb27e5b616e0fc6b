import DCSDomain
import DCSSchema
import Foundation

/// Samples of `banking.account.open`.
extension BankingSampleTraffic {
    /// The rules a single account opening request can break, in cycle order.
    var accountRules: [String] {
        // With a minimum age of 15 there is no "minor" band left to refuse.
        Self.allAccountRules.filter { $0 != "banking.account.minor_not_allowed" || configuration.minimumAccountAge > 15 }
    }

    static let allAccountRules = [
        "banking.account.invalid_id_number", "banking.account.bank_not_supported", "banking.consent_required",
        "banking.account.joint_account_not_allowed", "banking.account.holder_not_applicant",
        "banking.account.citizen_not_found", "banking.account.identity_mismatch", "banking.account.under_15_not_allowed",
        "banking.account.minor_not_allowed", "banking.account.legal_capacity_restricted",
        "banking.account.identity_evidence_missing", "banking.account.chip_not_verified",
        "banking.account.chip_data_mismatch", "banking.account.face_match_failed",
        "banking.account.vneid_level_insufficient", "banking.payload_invalid",
    ]

    func validAccount(index: Int, now: Date) -> SampleRequest {
        let today = CivilDate.inHoChiMinhCity(now)
        let record = citizen(from: 1_000_000 + index * 16) { eligibleAdult($0, today: today) }
        let bank = configuration.banks[index % configuration.banks.count]
        var payload = accountPayload(record, bank: bank, now: now)
        payload["full_name"] = .string(typedName(record.fullName, variant: index))
        if index % 2 == 0 && record.vneidLevel == 2 {
            payload["vneid_level"] = 2
        } else {
            payload["chip"] = chip(record)
            payload["face_match_score"] = .integer(configuration.faceMatchThreshold + Int64(index % 7) <= 100
                ? configuration.faceMatchThreshold + Int64(index % 7) : 100)
        }
        return SampleRequest(serviceID: BankingServiceID.accountOpen.rawValue, payload: payload, subject: record.id.value, expectation: .valid)
    }

    func invalidAccount(index: Int, now: Date) -> SampleRequest {
        let today = CivilDate.inHoChiMinhCity(now)
        let rules = accountRules
        let code = rules[index % rules.count]
        let round = index / rules.count
        let base = 5_000_000 + index * 16
        var record = citizen(from: base) { eligibleAdult($0, today: today) }
        var payload = accountPayload(record, bank: configuration.banks[index % configuration.banks.count], now: now)
        func withChip() {
            payload["chip"] = chip(record)
            payload["face_match_score"] = .integer(max(configuration.faceMatchThreshold, 90))
        }
        var subject = record.id.value
        switch code {
        case "banking.account.invalid_id_number":
            let text = malformedIDNumber(round)
            payload["id_number"] = .string(text)
            subject = idSubject(text)
            withChip()
        case "banking.account.bank_not_supported":
            payload["bank_bin"] = .string(unlistedBIN)
            withChip()
        case "banking.consent_required":
            if round % 3 == 2 { payload["consent"] = nil } else { payload["consent"] = badConsent(.biometricData, now: now, variant: round) }
            withChip()
        case "banking.account.joint_account_not_allowed":
            let partner = citizen(from: base + 500_000) { eligibleAdult($0, today: today) }
            payload["account_holders"] = [["id_number": .string(record.id.value)], ["id_number": .string(partner.id.value)]]
            withChip()
        case "banking.account.holder_not_applicant":
            let other = citizen(from: base + 500_000) { eligibleAdult($0, today: today) }
            payload["account_holders"] = [["id_number": .string(other.id.value)]]
            withChip()
        case "banking.account.citizen_not_found":
            let unknown = registry.unknownID(at: index)
            payload["id_number"] = .string(unknown.value)
            payload["account_holders"] = [["id_number": .string(unknown.value)]]
            subject = unknown.value
            withChip()
        case "banking.account.identity_mismatch":
            if round % 2 == 0 {
                payload["birth_date"] = .string(record.birthDate.adding(days: 1).description)
            } else {
                payload["full_name"] = .string(record.fullName + " Anh")
            }
            withChip()
        case "banking.account.under_15_not_allowed", "banking.account.minor_not_allowed":
            let range = code.hasSuffix("under_15_not_allowed") ? 0...14 : 15...(configuration.minimumAccountAge - 1)
            record = citizen(from: base, latestBirthYear: today.year - 1) { stableAge($0, today: today).map(range.contains) ?? false }
            payload = accountPayload(record, bank: configuration.banks[index % configuration.banks.count], now: now)
            subject = record.id.value
            withChip()
        case "banking.account.legal_capacity_restricted":
            record = citizen(from: base) { !$0.hasFullLegalCapacity && (stableAge($0, today: today) ?? 0) >= configuration.minimumAccountAge }
            payload = accountPayload(record, bank: configuration.banks[index % configuration.banks.count], now: now)
            subject = record.id.value
            withChip()
        case "banking.account.identity_evidence_missing":
            break
        case "banking.account.chip_not_verified":
            withChip()
            payload["chip"] = chip(record, verified: false)
        case "banking.account.chip_data_mismatch":
            withChip()
            payload["chip"] = chip(record, birthDate: record.birthDate.adding(days: round % 2 == 0 ? 1 : -365))
        case "banking.account.face_match_failed":
            withChip()
            payload["face_match_score"] = .integer(max(0, configuration.faceMatchThreshold - 1 - Int64(round * 7 % 60)))
        case "banking.account.vneid_level_insufficient":
            if round % 2 == 0 {
                payload["vneid_level"] = 1
            } else {
                // Claims level 2, but the registry knows a level 1 account.
                record = citizen(from: base) { eligibleAdult($0, today: today) && $0.vneidLevel == 1 }
                payload = accountPayload(record, bank: configuration.banks[index % configuration.banks.count], now: now)
                subject = record.id.value
                payload["vneid_level"] = 2
            }
        default: // payload_invalid
            withChip()
            switch round % 3 {
            case 0: payload["birth_date"] = nil
            case 1: payload["face_match_score"] = 150
            default: payload["account_holders"] = []
            }
        }
        return SampleRequest(serviceID: BankingServiceID.accountOpen.rawValue, payload: payload, subject: subject,
                             expectation: .rejected(code: code))
    }

    /// A complete request for `record` without evidence.
    func accountPayload(_ record: CitizenRecord, bank: Bank, now: Date) -> [String: JSONValue] {
        [
            "id_number": .string(record.id.value),
            "full_name": .string(record.fullName),
            "birth_date": .string(record.birthDate.description),
            "bank_bin": .string(bank.bin),
            "account_holders": [["id_number": .string(record.id.value)]],
            "consent": consent(.biometricData, now: now),
        ]
    }

    /// The chip reading of `record`'s ID card.
    func chip(_ record: CitizenRecord, verified: Bool = true, birthDate: CivilDate? = nil) -> JSONValue {
        [
            "id_number": .string(record.id.value),
            "full_name": .string(record.fullName),
            "birth_date": .string((birthDate ?? record.birthDate).description),
            "verified": .bool(verified),
        ]
    }
}
