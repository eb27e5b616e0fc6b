import DCSDomain
import DCSSchema
import Foundation

/// Samples of `banking.transfer.authorize`.
extension BankingSampleTraffic {
    /// The rules a single transfer request can break, in cycle order.
    static let transferRules = [
        "banking.transfer.invalid_id_number", "banking.transfer.invalid_amount", "banking.transfer.amount_above_limit",
        "banking.transfer.citizen_not_found", "banking.payload_invalid",
    ]

    /// Amounts that exercise both thresholds: below, exactly at and above 10,000,000 VND, and a day
    /// total that passes 20,000,000 VND within four transfers.
    static let transferAmounts: [Int64] = [250_000, 9_999_999, 10_000_000, 10_000_001, 1_500_000, 4_000_000, 12_000_000, 50_000]

    func validTransfer(index: Int, now: Date) -> SampleRequest {
        // Four transfers per citizen, so that the day's total builds up in one partition.
        let record = citizen(from: 3_000_000 + index / 4 * 16) { _ in true }
        let amount = min(Self.transferAmounts[index % Self.transferAmounts.count], configuration.maximumTransferAmount)
        return SampleRequest(serviceID: BankingServiceID.transferAuthorize.rawValue,
                             payload: ["id_number": .string(record.id.value), "amount": .integer(amount)],
                             subject: record.id.value, expectation: .valid)
    }

    func invalidTransfer(index: Int, now: Date) -> SampleRequest {
        let rules = Self.transferRules
        let code = rules[index % rules.count]
        let round = index / rules.count
        let record = citizen(from: 7_000_000 + index * 16) { _ in true }
        var payload: [String: JSONValue] = ["id_number": .string(record.id.value), "amount": 1_000_000]
        var subject = record.id.value
        switch code {
        case "banking.transfer.invalid_id_number":
            let text = malformedIDNumber(round)
            payload["id_number"] = .string(text)
            subject = idSubject(text)
        case "banking.transfer.invalid_amount":
            payload["amount"] = .integer(round % 2 == 0 ? 0 : -50_000)
        case "banking.transfer.amount_above_limit":
            payload["amount"] = .integer(configuration.maximumTransferAmount + 1 + Int64(round) * 1_000_000)
        case "banking.transfer.citizen_not_found":
            let unknown = registry.unknownID(at: 2_000 + index)
            payload["id_number"] = .string(unknown.value)
            subject = unknown.value
        default: // payload_invalid
            payload["amount"] = round % 2 == 0 ? "1000000" : 1_000_000.5
        }
        return SampleRequest(serviceID: BankingServiceID.transferAuthorize.rawValue, payload: payload, subject: subject,
                             expectation: .rejected(code: code))
    }
}
