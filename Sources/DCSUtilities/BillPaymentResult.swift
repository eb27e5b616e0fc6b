import DCSDomain
import Foundation

/// Result of a `*.pay` service: the bill that was paid and what remains.
public struct BillPaymentResult: Sendable, Hashable, Codable {
    public let serviceID: String
    /// Derived from the request id, so a replay reports the same payment.
    public let paymentID: UUID
    public let requestID: UUID
    public let customer: CustomerSummary
    /// The bill just paid, with its new status.
    public let bill: BillView
    public let amountPaid: Int64
    public let paidAt: Date
    /// Sum of the bills still unpaid after this payment, VND.
    public let remainingDue: Int64
    public let remainingUnpaidCount: Int
    /// True when this request id had already paid (a redelivered request): nothing was written.
    public let replayed: Bool

    enum CodingKeys: String, CodingKey {
        case serviceID = "service_id", paymentID = "payment_id", requestID = "request_id", customer, bill
        case amountPaid = "amount_paid", paidAt = "paid_at", remainingDue = "remaining_due"
        case remainingUnpaidCount = "remaining_unpaid_count", replayed
    }
}
