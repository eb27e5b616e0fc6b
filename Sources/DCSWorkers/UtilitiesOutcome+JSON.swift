import DCSSchema
import DCSUtilities
import Foundation

// The result data of utilities requests, written straight to JSON bytes (members in key order)
// rather than through JSONEncoder, or dictionaries that the writer sorts and that are freed
// afterwards: every utilities result goes through here. A test checks the bytes against the
// types' `Codable` form, so the two cannot drift apart.

extension UtilitiesOutcome {
    public var resultData: JSONObjectBytes {
        var object = JSONObjectWriter(capacity: 1024)
        switch self {
        case .lookup(let result): result.write(to: &object)
        case .payment(let result): result.write(to: &object)
        }
        return object.finish()
    }
}

extension BillLookupResult {
    func write(to object: inout JSONObjectWriter) {
        object.objects("bills", bills) { bill, view in view.write(to: &bill) }
        object.object("customer") { customer.write(to: &$0) }
        if let nextDue { object.object("next_due") { nextDue.write(to: &$0) } }
        object.string("service_id", serviceID)
        object.integer("total_due", totalDue)
        object.integer("unpaid_count", Int64(unpaidCount))
    }
}

extension BillPaymentResult {
    func write(to object: inout JSONObjectWriter) {
        object.integer("amount_paid", amountPaid)
        object.object("bill") { bill.write(to: &$0) }
        object.object("customer") { customer.write(to: &$0) }
        object.string("paid_at", iso8601(paidAt))
        object.string("payment_id", paymentID.uppercasedString)
        object.integer("remaining_due", remainingDue)
        object.integer("remaining_unpaid_count", Int64(remainingUnpaidCount))
        object.bool("replayed", replayed)
        object.string("request_id", requestID.uppercasedString)
        object.string("service_id", serviceID)
    }
}

extension CustomerSummary {
    func write(to object: inout JSONObjectWriter) {
        if let carrier { object.string("carrier", carrier.rawValue) }
        object.string("kind", kind.rawValue)
        if let persons { object.integer("persons", Int64(persons)) }
        if let prefixCarrier { object.string("prefix_carrier", prefixCarrier.rawValue) }
        object.string("reference", reference)
        if let region { object.string("region", region.rawValue) }
        if let unitCode { object.string("unit_code", unitCode) }
    }
}

extension BillView {
    func write(to object: inout JSONObjectWriter) {
        object.string("bill_id", billID)
        let charges = self.charges
        object.object("charges") { object in
            object.integer("amount", charges.amount)
            object.integer("environment_fee", charges.environmentFee)
            object.integer("total", charges.total)
            object.integer("vat", charges.vat)
        }
        if let consumption { object.integer("consumption", consumption) }
        if let consumptionUnit { object.string("consumption_unit", consumptionUnit) }
        if let paidAt { object.string("paid_at", iso8601(paidAt)) }
        if let paidChannel { object.string("paid_channel", paidChannel.rawValue) }
        object.string("period", period.description)
        object.string("status", status.rawValue)
    }
}

/// `JSONEncoder`'s `.iso8601` form: UTC, whole seconds.
private func iso8601(_ date: Date) -> String {
    RFC3339.wholeSecondsString(from: date)
}
