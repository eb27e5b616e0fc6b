import DCSDomain
import DCSSchema
import Foundation
import GRDB

/// `administrative.fee.pay`: a fee paid through the national payment platform (PayGov / NAPAS).
extension AdministrativeService {
    /// Pays the dossier's fee. Idempotent by dossier code: once paid, any further payment request
    /// for the dossier returns the original receipt (`replayed: true`) and charges nothing; the
    /// table's primary key on the dossier code is the last line of defence.
    func payFee(_ request: DomainRequest, db: Database) throws -> [String: JSONValue] {
        let payload = request.payload
        let amount = try payload.integer("amount")
        let intermediaryText = try payload.string("intermediary")
        guard let intermediary = PaymentIntermediary(rawValue: intermediaryText) else {
            throw AdministrativeRejection.intermediaryUnknown(intermediaryText)
        }
        var record = try resolveDossier(request, db: db)
        let code = record.code.description
        if let paid = try Row.fetchOne(db, sql: "SELECT * FROM administrative_fee_payment WHERE dossier_code = ?", arguments: [code]) {
            return try receipt(record, request: request, receiptNumber: paid["receipt_number"], intermediary: paid["intermediary"],
                               amount: paid["amount"], paidAt: paid["paid_at"], replayed: true, db: db)
        }
        guard record.progress.status == .feeRequired else { throw AdministrativeRejection.notPayable(record.progress.status) }
        guard amount == record.fee else { throw AdministrativeRejection.amountMismatch(due: record.fee) }

        let receiptNumber = "PG-\(DossierCode.dayStamp(request.today))-"
            + Digest.hex(Digest.sha256(Array("paygov:\(code)".utf8))).prefix(10).uppercased()
        let paidAt = RFC3339.string(from: request.now)
        try db.execute(sql: """
            INSERT INTO administrative_fee_payment (dossier_code, receipt_number, request_id, intermediary, amount, paid_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [code, receiptNumber, request.requestID.lowercasedString, intermediary.rawValue, amount, paidAt])
        let event = record.progress.recordPayment(plan: plan(code: code, procedure: record.procedure, fee: record.fee),
                                                  processingDays: record.procedure.processingDays, at: request.now, calendar: configuration.calendar)
        try appendHistory(code, [event], db: db)
        try saveProgress(record, db: db)
        return try receipt(record, request: request, receiptNumber: receiptNumber, intermediary: intermediary.rawValue, amount: amount,
                           paidAt: paidAt, replayed: false, db: db)
    }

    private func receipt(_ record: DossierRecord, request: DomainRequest, receiptNumber: String, intermediary: String, amount: Int64,
                         paidAt: String, replayed: Bool, db: Database) throws -> [String: JSONValue] {
        try dossierResult(record, request: request, replayed: replayed, db: db, extra: [
            "payment": [
                "platform": "PayGov", "receipt_number": .string(receiptNumber), "intermediary": .string(intermediary),
                "amount": .integer(amount), "amount_text_vi": .string(VND.vietnamese(amount)), "paid_at": .string(paidAt),
            ],
        ])
    }
}
