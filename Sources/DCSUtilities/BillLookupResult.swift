import DCSDomain

/// Result of a `*.lookup` service: every stored bill of the customer and what is due.
public struct BillLookupResult: Sendable, Hashable, Codable {
    public let serviceID: String
    public let customer: CustomerSummary
    /// All bills, oldest period first.
    public let bills: [BillView]
    /// Sum of the unpaid bills' totals, VND.
    public let totalDue: Int64
    public let unpaidCount: Int
    /// The bill a `*.pay` request would pay now (the oldest unpaid), if any.
    public let nextDue: BillView?

    enum CodingKeys: String, CodingKey {
        case serviceID = "service_id", customer, bills, totalDue = "total_due", unpaidCount = "unpaid_count"
        case nextDue = "next_due"
    }
}
