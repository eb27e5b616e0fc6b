import DCSDomain
import DCSMessages
import Foundation
import GRDB

/// The utilities domain: looks up and pays electricity, water and telecom bills.
///
/// Stateless apart from its configuration: state lives in the database the runtime passes in.
/// Every method that takes a `Database` expects to run INSIDE the runtime's write transaction
/// (with its dedup record and consumed offset) and never opens a connection or transaction.
public struct UtilitiesService: Sendable {
    public let configuration: UtilitiesConfiguration
    /// The synthetic system of record this service answers from.
    public let directory: SyntheticUtilitiesDirectory
    /// `configuration.subscriberKey`, made ready once for every phone number it pseudonymises.
    let subscriberHMAC: HMACKey

    public init(configuration: UtilitiesConfiguration = UtilitiesConfiguration()) {
        self.configuration = configuration
        self.directory = SyntheticUtilitiesDirectory(configuration: configuration)
        self.subscriberHMAC = HMACKey(configuration.subscriberKey)
    }

    /// Service ids this domain answers.
    public static var serviceIDs: [String] { UtilitiesServiceID.allCases.map(\.rawValue) }

    /// Handles one request.
    ///
    /// - Parameters:
    ///   - payload: the request's JSON object (see `UtilitiesService+Payload.swift` for fields).
    ///   - requestID: the envelope's request id; a pay request's idempotency key.
    ///   - now: the request's processing time; fixes the billing anchor and `paid_at`.
    ///   - db: the runtime's database, already inside a write transaction.
    /// - Throws: `.rejected` for a final business answer (commit, publish the rejection);
    ///   `.storage` when the database failed (roll back, retry).
    public func handle(
        serviceID: String, payload: Data, requestID: UUID, now: Date, db: Database
    ) throws(UtilitiesError) -> UtilitiesOutcome {
        let request: RequestPayload
        do {
            request = try Self.decodePayload(payload)
        } catch {
            // An unknown service is the more useful answer than a payload complaint.
            guard UtilitiesServiceID(rawValue: serviceID) != nil else { throw .rejected(.serviceUnknown(serviceID)) }
            throw .rejected(error)
        }
        return try handle(serviceID: serviceID, request: request, requestID: requestID, now: now, db: db)
    }

    /// Handles one request whose payload fields were already read (the worker reads them from the
    /// parsed envelope, without a second JSON pass).
    public func handle(
        serviceID: String, request: RequestPayload, requestID: UUID, now: Date, db: Database
    ) throws(UtilitiesError) -> UtilitiesOutcome {
        do {
            guard let service = UtilitiesServiceID(rawValue: serviceID) else {
                throw UtilitiesRejection.serviceUnknown(serviceID)
            }
            let reference = try Self.reference(in: request, for: service)
            if service.isPayment {
                if let expected = request.expectedAmount, expected <= 0 {
                    throw UtilitiesRejection.payloadInvalid("field 'expected_amount' must be a positive integer")
                }
                return .payment(try payUntyped(service, reference: reference, expectedAmount: request.expectedAmount,
                                               requestID: requestID, now: now, db: db))
            }
            return .lookup(try lookupUntyped(service, reference: reference, now: now, db: db))
        } catch let rejection as UtilitiesRejection {
            throw .rejected(rejection)
        } catch {
            throw .storage(error)
        }
    }

    /// Looks a customer's bills up (storing, on first touch, the period they start from).
    public func lookup(
        _ service: UtilitiesServiceID, reference: String, now: Date, db: Database
    ) throws(UtilitiesError) -> BillLookupResult {
        do { return try lookupUntyped(service, reference: reference, now: now, db: db) }
        catch let rejection as UtilitiesRejection { throw .rejected(rejection) }
        catch { throw .storage(error) }
    }

    /// Pays the customer's oldest unpaid bill.
    ///
    /// - Parameter expectedAmount: the total the citizen saw; a different total due is rejected
    ///   (`amount_mismatch`) so nobody pays a stale amount.
    public func pay(
        _ service: UtilitiesServiceID, reference: String, expectedAmount: Int64?, requestID: UUID, now: Date, db: Database
    ) throws(UtilitiesError) -> BillPaymentResult {
        do {
            return try payUntyped(service, reference: reference, expectedAmount: expectedAmount,
                                  requestID: requestID, now: now, db: db)
        } catch let rejection as UtilitiesRejection { throw .rejected(rejection) }
        catch { throw .storage(error) }
    }

    /// The period bills are issued before: pinned by configuration or the month of `now` in HCMC.
    public func billingAnchor(now: Date) -> BillingPeriod {
        configuration.billingAnchor ?? BillingPeriod.containing(now)
    }

    // MARK: Implementation (untyped throws: rejections and database errors are told apart above)

    private func lookupUntyped(_ service: UtilitiesServiceID, reference: String, now: Date, db: Database) throws -> BillLookupResult {
        let account = try resolveAccount(service.kind, reference: reference)
        let bills = try currentBills(account, anchor: billingAnchor(now: now), db: db)
        let unpaid = bills.filter { $0.status == .unpaid }
        return BillLookupResult(
            serviceID: service.rawValue, customer: account.summary, bills: bills,
            totalDue: unpaid.reduce(0) { $0 + $1.charges.total }, unpaidCount: unpaid.count, nextDue: unpaid.first
        )
    }

    private func payUntyped(
        _ service: UtilitiesServiceID, reference: String, expectedAmount: Int64?, requestID: UUID, now: Date, db: Database
    ) throws -> BillPaymentResult {
        let account = try resolveAccount(service.kind, reference: reference)
        let requestKey = requestID.lowercasedString
        let bills = try currentBills(account, anchor: billingAnchor(now: now), db: db)
        // A request id pays at most once (the runtime's deduplication comes first; this is the
        // second line). Its earlier payment is looked for only when this one cannot go ahead:
        // the payment insert below refuses a request id already used, so the common case pays
        // without an extra read.
        guard let due = bills.first(where: { $0.status == .unpaid }) else {
            if let replay = try earlierPayment(service, account: account, requestID: requestID, unpaid: [], db: db) { return replay }
            throw UtilitiesRejection.billNothingDue
        }
        let unpaid = bills.filter { $0.status == .unpaid }
        if let expectedAmount, expectedAmount != due.charges.total {
            if let replay = try earlierPayment(service, account: account, requestID: requestID, unpaid: unpaid, db: db) { return replay }
            throw UtilitiesRejection.billAmountMismatch(expected: expectedAmount, due: due.charges.total, period: due.period)
        }

        // The bill's key (kind, customer, period) and UNIQUE(request_id) make a double payment
        // impossible.
        let paymentID = Self.paymentID(for: requestID)
        try db.cachedStatement(sql: Self.insertPaymentSQL).execute(arguments: [
            service.kind.rawValue, account.storageKey, due.period.description,
            paymentID.lowercasedString, requestKey, due.billID, due.consumption,
            due.charges.amount, due.charges.vat, due.charges.environmentFee, due.charges.total, Self.storedTime(now),
        ])
        guard db.changesCount == 1 else {
            if let replay = try earlierPayment(service, account: account, requestID: requestID, unpaid: unpaid, db: db) { return replay }
            // An unpaid bill with a payment row: fail loudly and let the runtime retry or escalate.
            throw DatabaseError(resultCode: .SQLITE_CONSTRAINT, message: "bill \(due.billID) already has a payment")
        }
        // The row just written, without reading it back (this runs for every payment).
        let paid = BillView(
            billID: due.billID, period: due.period, consumption: due.consumption, consumptionUnit: due.consumptionUnit,
            charges: due.charges, status: .paid, paidChannel: .station, paidAt: now
        )
        let remaining = unpaid.filter { $0.billID != due.billID }
        return paymentResult(service, account: account, requestID: requestID, paymentID: paymentID, bill: paid,
                             amount: due.charges.total, paidAt: now, replayed: false, unpaid: remaining)
    }

    /// The answer to a request id that already paid: the same payment, marked replayed; nil when
    /// the request id never paid. A request id used for another customer or utility is refused.
    private func earlierPayment(
        _ service: UtilitiesServiceID, account: ResolvedAccount, requestID: UUID, unpaid: [BillView], db: Database
    ) throws -> BillPaymentResult? {
        guard let previous = try Row.fetchOne(db.cachedStatement(sql: Self.paymentByRequestSQL), arguments: [requestID.lowercasedString]) else {
            return nil
        }
        let (bill, paidAt) = try Self.paidBill(previous)
        let kind: String = previous[0]
        let customerKey: String = previous[9]
        guard kind == service.kind.rawValue, customerKey == account.storageKey else {
            throw UtilitiesRejection.paymentRequestReused
        }
        return paymentResult(service, account: account, requestID: requestID, paymentID: Self.paymentID(for: requestID), bill: bill,
                             amount: bill.charges.total, paidAt: paidAt, replayed: true,
                             unpaid: unpaid.filter { $0.billID != bill.billID })
    }

    private func paymentResult(
        _ service: UtilitiesServiceID, account: ResolvedAccount, requestID: UUID, paymentID: UUID, bill: BillView,
        amount: Int64, paidAt: Date, replayed: Bool, unpaid: [BillView]
    ) -> BillPaymentResult {
        BillPaymentResult(
            serviceID: service.rawValue, paymentID: paymentID, requestID: requestID,
            customer: account.summary, bill: bill, amountPaid: amount, paidAt: paidAt,
            remainingDue: unpaid.reduce(0) { $0 + $1.charges.total }, remainingUnpaidCount: unpaid.count,
            replayed: replayed
        )
    }
}
