import DCSDomain
import Foundation
import GRDB

/// Rows of the system of record: lazy materialisation and reads.
extension UtilitiesService {
    /// The customer's bills, oldest first: the stored ones, plus the synthetic bills of the
    /// window before `anchor` that this database does not have yet, inserted now. Stored rows are
    /// never touched, so paid bills stay paid; running it on every request also brings in new
    /// periods as months pass.
    ///
    /// Read first, insert only what is missing: a returning customer costs one read and no
    /// insert, a new one an empty read and the inserts, and the inserted rows are not read back.
    func currentBills(_ account: ResolvedAccount, anchor: BillingPeriod, db: Database) throws -> [BillView] {
        var bills = try storedBills(account, db: db)
        let stored = Set(bills.map(\.period))
        let missing = directory.bills(for: account.customer, anchor: anchor).filter { !stored.contains($0.period) }
        guard !missing.isEmpty else { return bills }
        // Prepared once per connection: this runs for every new customer.
        let insert = try db.cachedStatement(sql: Self.materialiseBillSQL)
        var allInserted = true
        for bill in missing {
            let billID = account.billID(bill.period)
            try insert.execute(
                arguments: [
                    billID, account.customer.kind.rawValue, account.storageKey,
                    bill.period.description, bill.consumption, bill.persons, account.customer.carrier?.rawValue,
                    bill.charges.amount, bill.charges.vat, bill.charges.environmentFee, bill.charges.total,
                    bill.paidElsewhere ? "paid" : "unpaid", bill.paidElsewhere ? "other_channel" : nil,
                ]
            )
            allInserted = allInserted && db.changesCount == 1
            bills.append(BillView(
                billID: billID, period: bill.period, consumption: bill.consumption,
                consumptionUnit: account.customer.kind.consumptionUnit, charges: bill.charges,
                status: bill.paidElsewhere ? .paid : .unpaid, paidChannel: bill.paidElsewhere ? .otherChannel : nil, paidAt: nil
            ))
        }
        // A row that was there after all (an id taken under another key): what is stored is the truth.
        guard allInserted else { return try storedBills(account, db: db) }
        return bills.sorted { $0.period < $1.period }
    }

    /// Every stored bill of the customer, oldest first.
    func storedBills(_ account: ResolvedAccount, db: Database) throws -> [BillView] {
        // A cursor reads each row in place; fetchAll would copy every row first.
        let rows = try Row.fetchCursor(db.cachedStatement(sql: Self.storedBillsSQL), arguments: [account.customer.kind.rawValue, account.storageKey])
        var bills: [BillView] = []
        while let row = try rows.next() { bills.append(try Self.billView(row)) }
        return bills
    }

    static let materialiseBillSQL = """
        INSERT INTO utilities_bill
            (id, kind, customer_key, period, consumption, persons, carrier,
             amount, vat, environment_fee, total, status, paid_channel, paid_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
        ON CONFLICT DO NOTHING
        """

    static let storedBillsSQL = "SELECT \(billColumns) FROM utilities_bill WHERE kind = ? AND customer_key = ? ORDER BY period"

    /// The columns ``billView(_:from:)`` reads, in its order. Rows are read by index: GRDB's
    /// lookup by name lower-cases the name on every access, and this runs for every bill of
    /// every payment.
    static let billColumns = "id, kind, period, consumption, amount, vat, environment_fee, total, status, paid_channel, paid_at"

    /// The same columns of the table aliased `b`, for joins.
    static let billColumnsOfB = billColumns.split(separator: ",").map { "b.\($0.trimmingCharacters(in: .whitespaces))" }.joined(separator: ", ")

    /// A request id's earlier payment with its bill: paid_amount, payment_time, customer_key,
    /// then the bill's ``billColumns`` from index 3.
    static let previousPaymentSQL = """
        SELECT p.amount AS paid_amount, p.paid_at AS payment_time, b.customer_key, \(billColumnsOfB)
        FROM utilities_payment p JOIN utilities_bill b ON b.id = p.bill_id
        WHERE p.request_id = ?
        """

    /// A bill from ``billColumns`` starting at column `base`.
    static func billView(_ row: Row, from base: Int = 0) throws -> BillView {
        let kind = UtilityKind(rawValue: row[base + 1]) ?? .electricity
        let periodText: String = row[base + 2]
        guard let period = BillingPeriod(periodText) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "bad period \(periodText) in utilities_bill")
        }
        let status: String = row[base + 8]
        let channel: String? = row[base + 9]
        return BillView(
            billID: row[base],
            period: period,
            consumption: row[base + 3],
            consumptionUnit: kind.consumptionUnit,
            charges: BillCharges(amount: row[base + 4], vat: row[base + 5], environmentFee: row[base + 6], total: row[base + 7]),
            status: status == "paid" ? .paid : .unpaid,
            paidChannel: channel.flatMap(BillView.Channel.init(rawValue:)),
            paidAt: row[base + 10]
        )
    }

    /// How payment times are stored: Unix seconds (GRDB reads them back as `Date`, and still reads
    /// the ISO text of rows written before). Formatting a date as text costs a locked
    /// `DateFormatter` call on every payment; a number costs nothing.
    static func storedTime(_ date: Date) -> Double {
        date.timeIntervalSince1970
    }

    /// A stable payment id derived from the request id (a redelivery maps to the same payment).
    static func paymentID(for requestID: UUID) -> UUID {
        let digest = Digest.sha256(Array("dcs.utilities.payment:\(requestID.lowercasedString)".utf8))
        var bytes = Array(digest.prefix(16))
        bytes[6] = (bytes[6] & 0x0f) | 0x80  // version 8: custom, name-based
        bytes[8] = (bytes[8] & 0x3f) | 0x80  // RFC 9562 variant
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
