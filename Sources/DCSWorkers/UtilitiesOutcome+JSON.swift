import DCSSchema
import DCSUtilities
import Foundation

// The result data of utilities requests as JSON values, written directly rather than through
// JSONEncoder and a re-parse: every utilities result goes through here. A test checks it against
// the types' `Codable` form, so the two cannot drift apart.

extension UtilitiesOutcome {
    public var jsonObject: [String: JSONValue] {
        switch self {
        case .lookup(let result): result.jsonObject
        case .payment(let result): result.jsonObject
        }
    }
}

extension BillLookupResult {
    var jsonObject: [String: JSONValue] {
        var object: [String: JSONValue] = [
            "service_id": .string(serviceID),
            "customer": .object(customer.jsonObject),
            "bills": .array(bills.map { .object($0.jsonObject) }),
            "total_due": .integer(totalDue),
            "unpaid_count": .integer(Int64(unpaidCount)),
        ]
        if let nextDue { object["next_due"] = .object(nextDue.jsonObject) }
        return object
    }
}

extension BillPaymentResult {
    var jsonObject: [String: JSONValue] {
        [
            "service_id": .string(serviceID),
            "payment_id": .string(paymentID.uppercasedString),
            "request_id": .string(requestID.uppercasedString),
            "customer": .object(customer.jsonObject),
            "bill": .object(bill.jsonObject),
            "amount_paid": .integer(amountPaid),
            "paid_at": .string(iso8601(paidAt)),
            "remaining_due": .integer(remainingDue),
            "remaining_unpaid_count": .integer(Int64(remainingUnpaidCount)),
            "replayed": .bool(replayed),
        ]
    }
}

extension CustomerSummary {
    var jsonObject: [String: JSONValue] {
        var object: [String: JSONValue] = ["kind": .string(kind.rawValue), "reference": .string(reference)]
        if let unitCode { object["unit_code"] = .string(unitCode) }
        if let region { object["region"] = .string(region.rawValue) }
        if let persons { object["persons"] = .integer(Int64(persons)) }
        if let carrier { object["carrier"] = .string(carrier.rawValue) }
        if let prefixCarrier { object["prefix_carrier"] = .string(prefixCarrier.rawValue) }
        return object
    }
}

extension BillView {
    var jsonObject: [String: JSONValue] {
        var object: [String: JSONValue] = [
            "bill_id": .string(billID),
            "period": .string(period.description),
            "charges": .object([
                "amount": .integer(charges.amount), "vat": .integer(charges.vat),
                "environment_fee": .integer(charges.environmentFee), "total": .integer(charges.total),
            ]),
            "status": .string(status.rawValue),
        ]
        if let consumption { object["consumption"] = .integer(consumption) }
        if let consumptionUnit { object["consumption_unit"] = .string(consumptionUnit) }
        if let paidChannel { object["paid_channel"] = .string(paidChannel.rawValue) }
        if let paidAt { object["paid_at"] = .string(iso8601(paidAt)) }
        return object
    }
}

/// `JSONEncoder`'s `.iso8601` form: UTC, whole seconds.
private func iso8601(_ date: Date) -> String {
    RFC3339.wholeSecondsString(from: date)
}
