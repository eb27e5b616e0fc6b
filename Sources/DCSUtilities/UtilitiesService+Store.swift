import DCSDomain
import Foundation
import GRDB

/// What this database keeps of the billers' records (see utilities.v4): when each customer was
/// first seen, and the payments taken at stations, each with the bill it paid.
extension UtilitiesService {
    /// The customer's bills, oldest first: the directory's bills from the period this database
    /// first showed the customer up to the one before `anchor`, each bill paid at a station
    /// replaced by its payment's receipt.
    ///
    /// The first request about a customer stores the first period (one small row; nothing else):
    /// a bill shown unpaid then stays on the list in later months, and new months' bills join it.
    func currentBills(_ account: ResolvedAccount, anchor: BillingPeriod, db: Database) throws -> [BillView] {
        let (first, firstSeen) = try firstPeriod(account, anchor: anchor, db: db)
        // A customer seen for the first time has no payments: every payment row references its
        // customer's row (a foreign key), so there is nothing to read.
        let paid = firstSeen ? [] : try stationPayments(account, db: db)
        var bills: [BillView] = []
        for bill in directory.bills(for: account.customer, from: first, before: anchor)
        where !paid.contains(where: { $0.period == bill.period }) {
            bills.append(BillView(
                billID: account.billID(bill.period), period: bill.period, consumption: bill.consumption,
                consumptionUnit: account.customer.kind.consumptionUnit, charges: bill.charges,
                status: bill.paidElsewhere ? .paid : .unpaid, paidChannel: bill.paidElsewhere ? .otherChannel : nil, paidAt: nil
            ))
        }
        guard !paid.isEmpty else { return bills }
        // Payments outside the window too (a clock set back, or rows carried over by utilities.v4).
        return (bills + paid).sorted { $0.period < $1.period }
    }

    /// The oldest period this database shows the customer, stored the first time it is asked
    /// (`firstSeen`: by this call).
    ///
    /// The insert comes first: it finds a known customer in the same seek a read would take, so
    /// a customer's first request (a payment for someone who did not look the bill up first)
    /// costs one statement instead of a read that misses and an insert. A customer already known
    /// costs the refused insert and the read.
    func firstPeriod(_ account: ResolvedAccount, anchor: BillingPeriod, db: Database) throws -> (BillingPeriod, firstSeen: Bool) {
        let kind = account.customer.kind.rawValue
        let first = directory.firstPeriod(for: account.customer, anchor: anchor)
        try db.cachedStatement(sql: Self.insertCustomerSQL).execute(arguments: [kind, account.storageKey, first.description])
        if db.changesCount == 1 { return (first, true) }
        guard let text = try String.fetchOne(db.cachedStatement(sql: Self.firstPeriodSQL), arguments: [kind, account.storageKey]),
              let period = BillingPeriod(text)
        else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "no readable first_period in utilities_customer after a refused insert")
        }
        return (period, false)
    }

    /// The bills the customer paid at stations, oldest first, as paid.
    func stationPayments(_ account: ResolvedAccount, db: Database) throws -> [BillView] {
        // A cursor reads each row in place; fetchAll would copy every row first.
        let rows = try Row.fetchCursor(db.cachedStatement(sql: Self.stationPaymentsSQL), arguments: [account.customer.kind.rawValue, account.storageKey])
        var bills: [BillView] = []
        while let row = try rows.next() { bills.append(try Self.paidBill(row).bill) }
        return bills
    }

    static let firstPeriodSQL = "SELECT first_period FROM utilities_customer WHERE kind = ? AND customer_key = ?"

    /// Arguments: kind, customer_key, first_period. A customer already known keeps its row (and
    /// its first period): nothing is inserted.
    static let insertCustomerSQL = """
        INSERT INTO utilities_customer (kind, customer_key, first_period) VALUES (?, ?, ?)
        ON CONFLICT DO NOTHING
        """

    /// Arguments: kind, customer_key, period, id, request_id, bill_id, consumption, amount, vat,
    /// environment_fee, total, paid_at. A conflict (the bill or the request id already paid)
    /// inserts nothing.
    static let insertPaymentSQL = """
        INSERT INTO utilities_payment
            (kind, customer_key, period, id, request_id, bill_id, consumption,
             amount, vat, environment_fee, total, paid_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT DO NOTHING
        """

    /// The columns ``paidBill(_:)`` reads, in its order. Rows are read by index: GRDB's lookup by
    /// name lower-cases the name on every access.
    static let paymentColumns = "kind, period, bill_id, consumption, amount, vat, environment_fee, total, paid_at, customer_key"

    static let stationPaymentsSQL = "SELECT \(paymentColumns) FROM utilities_payment WHERE kind = ? AND customer_key = ? ORDER BY period"

    static let paymentByRequestSQL = "SELECT \(paymentColumns) FROM utilities_payment WHERE request_id = ?"

    /// The bill a payment row paid, from ``paymentColumns``, and when (also the bill's `paidAt`).
    static func paidBill(_ row: Row) throws -> (bill: BillView, paidAt: Date) {
        let kind = UtilityKind(rawValue: row[0]) ?? .electricity
        let periodText: String = row[1]
        guard let period = BillingPeriod(periodText) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "bad period \(periodText) in utilities_payment")
        }
        // Unix seconds, or the ISO text of rows carried over from before.
        let paidAtValue: DatabaseValue = row[8]
        guard let paidAt = Date.fromDatabaseValue(paidAtValue) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "bad paid_at \(paidAtValue) in utilities_payment")
        }
        let bill = BillView(
            billID: row[2],
            period: period,
            consumption: row[3],
            consumptionUnit: kind.consumptionUnit,
            charges: BillCharges(amount: row[4], vat: row[5], environmentFee: row[6], total: row[7]),
            status: .paid,
            paidChannel: .station,
            paidAt: paidAt
        )
        return (bill, paidAt)
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
