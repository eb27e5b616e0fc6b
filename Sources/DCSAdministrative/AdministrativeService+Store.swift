import DCSDomain
import DCSSchema
import Foundation
import GRDB

/// Reading and writing dossiers, with the lazy back-office simulation.
extension AdministrativeService {
    /// Resolves the dossier a status / withdraw / pay request names: the code must be well-formed,
    /// the ID number the applicant's (otherwise the same `not_found` as an unknown code), and the
    /// dossier is brought up to date with the back office's scheduled moves.
    func resolveDossier(_ request: DomainRequest, db: Database) throws -> DossierRecord {
        let payload = request.payload
        guard let code = DossierCode(parsing: try payload.string("dossier_code")) else { throw AdministrativeRejection.codeInvalid }
        let idText = try payload.string("applicant_id_number")
        let id: CitizenID
        do { id = try CitizenID(parsing: idText) } catch { throw AdministrativeRejection.applicantIDInvalid }
        let key = keyedHash(id.value)
        var record: DossierRecord
        if let stored = try fetchDossier(code.description, db: db) {
            record = stored
        } else if let counter = counterDossiers.dossier(code, today: request.today), keyedHash(counter.applicant.id.value) == key {
            record = try materialise(counter, db: db)
        } else {
            throw AdministrativeRejection.notFound
        }
        guard record.applicantKey == key else { throw AdministrativeRejection.notFound }
        try advance(&record, until: request.now, db: db)
        return record
    }

    /// Applies the scheduled moves due by `now` and persists them (history, apology, row).
    func advance(_ record: inout DossierRecord, until now: Date, db: Database) throws {
        let before = record.progress
        let events = record.progress.advance(plan: plan(code: record.code.description, procedure: record.procedure, fee: record.fee),
                                             processingDays: record.procedure.processingDays, until: now, calendar: configuration.calendar)
        if before.apology == nil, let apology = record.progress.apology {
            try db.execute(sql: "INSERT INTO administrative_apology (dossier_code, issued_at, original_date, new_date) VALUES (?, ?, ?, ?)",
                           arguments: [record.code.description, RFC3339.string(from: apology.issuedAt),
                                       apology.originalDate.description, apology.newDate.description])
        }
        guard !events.isEmpty || before != record.progress else { return }
        try appendHistory(record.code.description, events, db: db)
        try saveProgress(record, db: db)
    }

    /// Inserts a counter dossier the first time it is named, with its receipt in the history.
    func materialise(_ counter: CounterDossier, db: Database) throws -> DossierRecord {
        let agency = agencies.agency(code: counter.code.agencyCode)!
        let progress = DossierProgress(receivedAt: counter.receivedAt, processingDays: counter.procedure.processingDays,
                                       calendar: configuration.calendar)
        let record = DossierRecord(
            code: counter.code, agency: agency, procedure: counter.procedure, origin: "counter",
            applicantKey: keyedHash(counter.applicant.id.value), applicantMasked: counter.applicant.id.masked,
            channel: counter.channel, copies: counter.copies, fee: counter.fee, receivedAt: counter.receivedAt,
            originalAppointment: progress.appointment, progress: progress)
        try insertDossier(record, postalAddress: counter.channel == .postal ? "Địa chỉ đăng ký tại quầy" : nil, submissionKey: nil, db: db)
        return record
    }

    func insertDossier(_ record: DossierRecord, postalAddress: String?, submissionKey: String?, db: Database) throws {
        let p = record.progress
        try db.execute(sql: """
            INSERT INTO administrative_dossier
                (code, agency_code, received_on, sequence, origin, procedure_code, applicant_key, applicant_masked, channel,
                 postal_address, copies, fee, processing_days, received_at, status, next_step, clock_anchor_date,
                 clock_anchor_days, last_event_at, original_appointment_date, appointment_date, submission_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                record.code.description, record.agency.code, record.code.receivedOn.description, record.code.sequence, record.origin,
                record.procedure.code, record.applicantKey, record.applicantMasked, record.channel.rawValue, postalAddress,
                record.copies, record.fee, record.procedure.processingDays, RFC3339.string(from: record.receivedAt),
                p.status.rawValue, p.nextStep, p.anchorDate.description, p.anchorClock, RFC3339.string(from: p.lastEventAt),
                record.originalAppointment.description, p.appointment.description, submissionKey,
            ])
        try appendHistory(record.code.description, [DossierEvent(from: nil, to: .new, at: record.receivedAt, actor: .citizen)], db: db)
    }

    func saveProgress(_ record: DossierRecord, db: Database) throws {
        let p = record.progress
        try db.execute(sql: """
            UPDATE administrative_dossier SET status = ?, next_step = ?, clock_anchor_date = ?, clock_anchor_days = ?,
                last_event_at = ?, appointment_date = ? WHERE code = ?
            """, arguments: [p.status.rawValue, p.nextStep, p.anchorDate.description, p.anchorClock,
                             RFC3339.string(from: p.lastEventAt), p.appointment.description, record.code.description])
    }

    func appendHistory(_ code: String, _ events: [DossierEvent], db: Database) throws {
        let insert = try db.cachedStatement(sql: """
            INSERT INTO administrative_status_history (dossier_code, from_status, to_status, at, actor) VALUES (?, ?, ?, ?, ?)
            """)
        for event in events {
            try insert.execute(arguments: [code, event.from?.rawValue, event.to.rawValue, RFC3339.string(from: event.at), event.actor.rawValue])
        }
    }

    func fetchDossier(_ code: String, db: Database) throws -> DossierRecord? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM administrative_dossier WHERE code = ?", arguments: [code]) else { return nil }
        return try Self.decode(row, agencies: agencies, procedures: procedures, apology: try fetchApology(code, db: db))
    }

    func fetchApology(_ code: String, db: Database) throws -> DossierApology? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM administrative_apology WHERE dossier_code = ?", arguments: [code]) else { return nil }
        guard let issued = RFC3339.date(from: row["issued_at"]), let original = CivilDate(parsing: row["original_date"]),
              let new = CivilDate(parsing: row["new_date"]) else { throw Self.corrupt("apology of \(code)") }
        return DossierApology(issuedAt: issued, originalDate: original, newDate: new)
    }

    func fetchHistory(_ code: String, db: Database) throws -> [DossierEvent] {
        try Row.fetchAll(db, sql: "SELECT * FROM administrative_status_history WHERE dossier_code = ? ORDER BY id", arguments: [code]).map { row in
            let from: Int? = row["from_status"]
            guard let to = DossierStatus(rawValue: row["to_status"]), let at = RFC3339.date(from: row["at"]),
                  let actor = EventActor(rawValue: row["actor"]) else { throw Self.corrupt("history of \(code)") }
            return DossierEvent(from: from.flatMap(DossierStatus.init(rawValue:)), to: to, at: at, actor: actor)
        }
    }

    static func decode(_ row: Row, agencies: AgencyDirectory, procedures: ProcedureCatalogue, apology: DossierApology?) throws -> DossierRecord {
        let codeText: String = row["code"]
        guard let code = DossierCode(parsing: codeText), let agency = agencies.agency(code: row["agency_code"]),
              let procedure = procedures.procedure(code: row["procedure_code"]),
              let channel = ResultChannel(rawValue: row["channel"]), let status = DossierStatus(rawValue: row["status"]),
              let receivedAt = RFC3339.date(from: row["received_at"]), let lastEventAt = RFC3339.date(from: row["last_event_at"]),
              let anchor = CivilDate(parsing: row["clock_anchor_date"]), let original = CivilDate(parsing: row["original_appointment_date"]),
              let appointment = CivilDate(parsing: row["appointment_date"])
        else { throw corrupt("dossier \(codeText)") }
        return DossierRecord(
            code: code, agency: agency, procedure: procedure, origin: row["origin"], applicantKey: row["applicant_key"],
            applicantMasked: row["applicant_masked"], channel: channel, copies: row["copies"], fee: row["fee"], receivedAt: receivedAt,
            originalAppointment: original,
            progress: DossierProgress(status: status, nextStep: row["next_step"], anchorDate: anchor, anchorClock: row["clock_anchor_days"],
                                      lastEventAt: lastEventAt, appointment: appointment, apology: apology))
    }

    /// A stored row this configuration cannot read (e.g. a procedure removed from the table): a
    /// storage failure, not a business answer.
    static func corrupt(_ what: String) -> DatabaseError {
        DatabaseError(resultCode: .SQLITE_CORRUPT, message: "administrative: unreadable \(what)")
    }
}
