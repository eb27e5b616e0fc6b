import DCSDomain
import DCSSchema
import Foundation
import GRDB

/// `banking.transfer.authorize`: decides how a transfer must be authenticated and records it in
/// the citizen's running total for the day (Ho Chi Minh City date of `request.now`).
///
/// Payload: `id_number`, `amount` (VND). Checks, in order: payload shape; ID number; amount > 0;
/// amount within the kiosk's per-transfer cap; registry; the day's total within the kiosk's daily
/// cap. Every authorised transfer counts toward the total (the station cannot see whether the
/// bank later completed it, so the total errs toward more authentication, not less).
extension BankingService {
    func authorizeTransfer(_ request: DomainRequest, db: Database) throws -> [String: JSONValue] {
        let payload = request.payload
        let idText = try payload.string("id_number")
        let amount = try payload.integer("amount")

        let id = try citizenID(idText, for: .transferAuthorize)
        guard amount > 0 else { throw BankingRejection.invalidTransferAmount }
        guard amount <= configuration.maximumTransferAmount else {
            throw BankingRejection.amountAboveLimit(configuration.maximumTransferAmount)
        }
        let record = try registeredCitizen(id, for: .transferAuthorize)
        let citizenKey = citizenKey(id)
        let day = request.today

        // Second line behind the runtime's dedup: a request id authorises one transfer, once.
        if let stored = try Row.fetchOne(
            db, sql: "SELECT * FROM banking_transfer WHERE request_id = ?", arguments: [request.requestID.key]
        ) {
            guard stored["citizen_key"] == citizenKey, stored["amount"] == amount else {
                throw BankingRejection.requestReused(.transferAuthorize)
            }
            let authentication = TransferAuthentication(
                method: TransferAuthentication.Method(rawValue: stored["method"]) ?? .face,
                reason: TransferAuthentication.Reason(rawValue: stored["reason"]) ?? .dayTotalAboveThreshold)
            return transferResult(record: record, amount: amount, day: stored["day"], dayTotal: stored["day_total"],
                                  authentication: authentication, authorizedAt: stored["authorized_at"], replayed: true)
        }

        let before = try Int64.fetchOne(
            db, sql: "SELECT COALESCE(SUM(amount), 0) FROM banking_transfer WHERE citizen_key = ? AND day = ?",
            arguments: [citizenKey, day.description]) ?? 0
        let dayTotal = before + amount
        guard dayTotal <= configuration.maximumDailyTransferTotal else {
            throw BankingRejection.dailyLimitExceeded(limit: configuration.maximumDailyTransferTotal,
                                                      remaining: max(0, configuration.maximumDailyTransferTotal - before))
        }
        let authentication = TransferAuthentication(
            amount: amount, dayTotal: dayTotal, singleThreshold: configuration.faceSingleTransferThreshold,
            dailyThreshold: configuration.faceDailyTotalThreshold)
        let authorizedAt = RFC3339.string(from: request.now)
        try db.execute(
            sql: """
                INSERT INTO banking_transfer (request_id, citizen_key, day, amount, day_total, method, reason, station_id, authorized_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [request.requestID.key, citizenKey, day.description, amount, dayTotal,
                        authentication.method.rawValue, authentication.reason.rawValue, request.stationID, authorizedAt])
        return transferResult(record: record, amount: amount, day: day.description, dayTotal: dayTotal,
                              authentication: authentication, authorizedAt: authorizedAt, replayed: false)
    }

    private func transferResult(record: CitizenRecord, amount: Int64, day: String, dayTotal: Int64,
                                authentication: TransferAuthentication, authorizedAt: String,
                                replayed: Bool) -> [String: JSONValue] {
        [
            "service_id": .string(BankingServiceID.transferAuthorize.rawValue),
            "status": "authorized",
            "method": .string(authentication.method.rawValue),
            "reason": .string(authentication.reason.rawValue),
            "amount": .integer(amount),
            "day": .string(day),
            "day_total": .integer(dayTotal),
            "face_single_threshold": .integer(configuration.faceSingleTransferThreshold),
            "face_daily_threshold": .integer(configuration.faceDailyTotalThreshold),
            "id_number_masked": .string(record.id.masked),
            "authorized_at": .string(authorizedAt),
            "replayed": .bool(replayed),
        ]
    }
}
