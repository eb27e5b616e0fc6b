import DCSDomain
import DCSSchema
import Foundation

/// Samples of `banking.card.apply`.
extension BankingSampleTraffic {
    /// The rules a single card application can break, in cycle order.
    static let cardRules = [
        "banking.card.invalid_id_number", "banking.card.bank_not_supported", "banking.card.product_unknown",
        "banking.card.limit_out_of_range", "banking.consent_required", "banking.card.citizen_not_found",
        "banking.card.identity_mismatch", "banking.card.invalid_phone_number", "banking.card.phone_not_owned",
        "banking.card.applicant_under_18", "banking.card.legal_capacity_restricted", "banking.payload_invalid",
    ]

    func validCard(index: Int, now: Date) -> SampleRequest {
        let today = CivilDate.inHoChiMinhCity(now)
        let record = citizen(from: 2_000_000 + index * 16) { eligibleAdult($0, today: today) }
        let product = configuration.cardProducts[index % configuration.cardProducts.count]
        var payload = cardPayload(record, bank: configuration.banks[index % configuration.banks.count], product: product,
                                  limitStep: index, now: now)
        payload["full_name"] = .string(typedName(record.fullName, variant: index / 3))
        payload["phone_number"] = .string(typedPhone(record.phone, variant: index))
        return SampleRequest(serviceID: BankingServiceID.cardApply.rawValue, payload: payload, subject: record.id.value, expectation: .valid)
    }

    func invalidCard(index: Int, now: Date) -> SampleRequest {
        let today = CivilDate.inHoChiMinhCity(now)
        let rules = Self.cardRules
        let code = rules[index % rules.count]
        let round = index / rules.count
        let base = 6_000_000 + index * 16
        let product = configuration.cardProducts[index % configuration.cardProducts.count]
        let bank = configuration.banks[index % configuration.banks.count]
        var record = citizen(from: base) { eligibleAdult($0, today: today) }
        var payload = cardPayload(record, bank: bank, product: product, limitStep: index, now: now)
        var subject = record.id.value
        switch code {
        case "banking.card.invalid_id_number":
            let text = malformedIDNumber(round)
            payload["id_number"] = .string(text)
            subject = idSubject(text)
        case "banking.card.bank_not_supported":
            payload["bank_bin"] = .string(unlistedBIN)
        case "banking.card.product_unknown":
            payload["product"] = ["diamond", "debit", "CLASSIC"].first { configuration.cardProduct(id: $0) == nil }.map(JSONValue.string)
        case "banking.card.limit_out_of_range":
            payload["requested_limit"] = .integer(round % 2 == 0 ? product.limits.lowerBound - 1 : product.limits.upperBound + 1_000_000)
        case "banking.consent_required":
            if round % 3 == 2 { payload["consent"] = nil } else { payload["consent"] = badConsent(.financialData, now: now, variant: round) }
        case "banking.card.citizen_not_found":
            let unknown = registry.unknownID(at: 1_000 + index)
            payload["id_number"] = .string(unknown.value)
            subject = unknown.value
        case "banking.card.identity_mismatch":
            if round % 2 == 0 {
                payload["birth_date"] = .string(record.birthDate.adding(days: -1).description)
            } else {
                payload["full_name"] = .string(String(record.fullName.split(separator: " ").reversed().joined(separator: " ")))
            }
        case "banking.card.invalid_phone_number":
            payload["phone_number"] = .string(["0123456789", "091234567", "+1 415 555 0100"][round % 3])
        case "banking.card.phone_not_owned":
            payload["phone_number"] = .string(otherPhone(record.phone))
        case "banking.card.applicant_under_18":
            record = citizen(from: base, latestBirthYear: today.year - 1) {
                (stableAge($0, today: today) ?? configuration.minimumCardAge) < configuration.minimumCardAge
            }
            payload = cardPayload(record, bank: bank, product: product, limitStep: index, now: now)
            subject = record.id.value
        case "banking.card.legal_capacity_restricted":
            record = citizen(from: base) { !$0.hasFullLegalCapacity && (stableAge($0, today: today) ?? 0) >= configuration.minimumCardAge }
            payload = cardPayload(record, bank: bank, product: product, limitStep: index, now: now)
            subject = record.id.value
        default: // payload_invalid
            switch round % 3 {
            case 0: payload["phone_number"] = nil
            case 1: payload["requested_limit"] = "10000000"
            default: payload["birth_date"] = "1990-02-30"
            }
        }
        return SampleRequest(serviceID: BankingServiceID.cardApply.rawValue, payload: payload, subject: subject,
                             expectation: .rejected(code: code))
    }

    /// A complete application by `record`, with a limit inside the product's bounds.
    func cardPayload(_ record: CitizenRecord, bank: Bank, product: CardProduct, limitStep: Int, now: Date) -> [String: JSONValue] {
        let span = product.limits.upperBound - product.limits.lowerBound
        let limit = product.limits.lowerBound + span / 10 * Int64(limitStep % 11)
        return [
            "id_number": .string(record.id.value),
            "full_name": .string(record.fullName),
            "birth_date": .string(record.birthDate.description),
            "phone_number": .string(record.phone.value),
            "bank_bin": .string(bank.bin),
            "product": .string(product.id),
            "requested_limit": .integer(limit),
            "consent": consent(.financialData, now: now),
        ]
    }

    /// The number as people type it: national, international, or grouped.
    func typedPhone(_ phone: PhoneNumber, variant: Int) -> String {
        let national = phone.value
        switch variant % 3 {
        case 1: return "+84" + national.dropFirst()
        case 2:
            let digits = Array(national)
            return String(digits[0..<4]) + " " + String(digits[4..<7]) + " " + String(digits[7...])
        default: return national
        }
    }

    /// A well-formed number that is not `phone` (last digit changed).
    func otherPhone(_ phone: PhoneNumber) -> String {
        let last = phone.value.last!.wholeNumberValue!
        return String(phone.value.dropLast()) + String((last + 1) % 10)
    }
}
