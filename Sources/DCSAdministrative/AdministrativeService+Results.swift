import DCSDomain
import DCSSchema
import Foundation
import GRDB

/// Result objects (snake_case JSON, masked personal data only).
extension AdministrativeService {
    /// The full view of a dossier: status, dates, the deadline clock, the fee, the history and any apology.
    func dossierResult(_ record: DossierRecord, request: DomainRequest, replayed: Bool, db: Database,
                       extra: [String: JSONValue] = [:]) throws -> [String: JSONValue] {
        let code = record.code.description
        let progress = record.progress
        let payment = try Row.fetchOne(db, sql: "SELECT receipt_number, paid_at FROM administrative_fee_payment WHERE dossier_code = ?",
                                       arguments: [code])
        let history = try fetchHistory(code, db: db)
        var fee: [String: JSONValue] = [
            "amount": .integer(record.fee), "amount_text_vi": .string(VND.vietnamese(record.fee)),
            "paid": .bool(payment != nil),
        ]
        if let payment {
            fee["receipt_number"] = .string(payment["receipt_number"])
            fee["paid_at"] = .string(payment["paid_at"])
        }
        var result: [String: JSONValue] = [
            "service_id": .string(request.serviceID),
            "dossier_code": .string(code),
            "agency": ["code": .string(record.agency.code), "name_vi": .string(record.agency.nameVi), "name_en": .string(record.agency.nameEn)],
            "procedure": [
                "code": .string(record.procedure.code), "name_vi": .string(record.procedure.nameVi), "name_en": .string(record.procedure.nameEn),
                "processing_working_days": .integer(Int64(record.procedure.processingDays)),
            ],
            "applicant_id_masked": .string(record.applicantMasked),
            "status": Self.statusJSON(progress.status),
            "received_at": .string(RFC3339.string(from: record.receivedAt)),
            "result_channel": .string(record.channel.rawValue),
            "copies": .integer(Int64(record.copies)),
            "original_appointment_date": .string(record.originalAppointment.description),
            "appointment_date": progress.status.isTerminal && progress.status != .resultReturned ? .null : .string(progress.appointment.description),
            "clock_paused": .bool(progress.status.pausesClock),
            "remaining_working_days": .integer(Int64(progress.remainingWorkingDays(processingDays: record.procedure.processingDays))),
            "fee": .object(fee),
            "next_action": .string(Self.nextAction(progress.status, channel: record.channel)),
            "history": .array(history.map { event in
                [
                    "from": event.from.map { .integer(Int64($0.rawValue)) } ?? .null, "to": .integer(Int64(event.to.rawValue)),
                    "name_vi": .string(event.to.nameVi), "at": .string(RFC3339.string(from: event.at)), "actor": .string(event.actor.rawValue),
                ]
            }),
            "apology": progress.apology.map { apology in
                [
                    "issued_at": .string(RFC3339.string(from: apology.issuedAt)), "original_date": .string(apology.originalDate.description),
                    "new_date": .string(apology.newDate.description), "message_vi": .string(apology.messageVi(agencyName: record.agency.nameVi)),
                    "message_en": .string(apology.messageEn(agencyName: record.agency.nameEn)),
                ]
            } ?? .null,
            "replayed": .bool(replayed),
        ]
        result.merge(extra) { _, new in new }
        return result
    }

    static func statusJSON(_ status: DossierStatus) -> JSONValue {
        ["code": .integer(Int64(status.rawValue)), "name_vi": .string(status.nameVi), "name_en": .string(status.nameEn)]
    }

    /// What the citizen should do next, for the kiosk screen.
    static func nextAction(_ status: DossierStatus, channel: ResultChannel) -> String {
        switch status {
        case .feeRequired: "pay_fee"
        case .supplementRequested: "supply_documents"
        case .completed:
            switch channel {
            case .counter: "collect_result"
            case .postal: "await_delivery"
            case .online: "download_result"
            }
        case .new, .accepted, .processing: "wait"
        case .notAccepted, .withdrawn, .stopped, .resultReturned: "none"
        }
    }
}
