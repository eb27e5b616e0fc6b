import DCSDomain
import DCSSchema
import Foundation
import GRDB

/// Telemedicine: register, cancel, status.
///
/// Payloads: register `{clinic_id, patient_id_number, icd10_code, slot_date: "YYYY-MM-DD",
/// slot_time: "HH:MM", consent}`; cancel and status `{booking_code, patient_id_number, consent}`
/// (the ID number proves the booking is the citizen's own: a code alone reveals nothing).
///
/// Rules, in the order they are checked: consent; the clinic exists; the patient's ID number is
/// well formed and known to the population registry; the ICD-10 code is well formed, on the
/// remote list (else an in-person referral) and of a specialty the clinic offers; the clinic holds
/// that slot on that day; the slot starts at least `minimumLeadMinutes` from now and no later than
/// `bookingWindowDays` after today; the patient holds no other live (not cancelled) booking at the
/// clinic that day (the same booking sent again is answered as a replay); a seat is free.
extension HealthService {
    func register(_ request: DomainRequest, db: Database) throws -> [String: JSONValue] {
        let payload = request.payload
        let clinicID = try payload.string("clinic_id").trimmingCharacters(in: .whitespaces)
        let rawPatient = try payload.string("patient_id_number")
        let rawCode = try payload.string("icd10_code")
        let slotDate = try payload.date("slot_date")
        guard let slotTime = TimeOfDay(parsing: try payload.string("slot_time")) else {
            throw payload.invalid("slot_time", "must be a time HH:MM")
        }

        guard let clinic = clinics.clinic(id: clinicID) else { throw HealthRejection.clinicNotFound(clinicID) }
        let patientID = try Self.citizenID(rawPatient, field: "patient_id_number", HealthRejection.telemedicineInvalidIDNumber)
        guard let patient = citizens.record(for: patientID) else { throw HealthRejection.patientNotFound(patientID) }
        guard let code = ICD10Code(parsing: rawCode) else { throw HealthRejection.invalidICD10Code() }
        guard let condition = configuration.eligibility.condition(for: code) else {
            throw HealthRejection.referredInPerson(configuration.eligibility.referral(for: code))
        }
        guard clinic.specialties.contains(condition.specialty) else {
            throw HealthRejection.specialtyNotOffered(clinic, condition.specialty)
        }
        guard clinic.isOpen(on: slotDate), clinic.slotTimes.contains(slotTime) else {
            throw HealthRejection.slotNotOffered(clinic, date: slotDate)
        }
        let earliestStart = request.now.addingTimeInterval(TimeInterval(configuration.minimumLeadMinutes * 60))
        guard clinic.start(of: slotDate, slotTime) >= earliestStart else {
            throw HealthRejection.slotInPast(leadMinutes: configuration.minimumLeadMinutes)
        }
        let lastDate = request.today.adding(days: configuration.bookingWindowDays)
        guard slotDate <= lastDate else {
            throw HealthRejection.slotBeyondWindow(lastDate: lastDate, windowDays: configuration.bookingWindowDays)
        }

        let patientKey = citizenKey(patientID)
        let conditionKey = conditionKey(code)
        if let existing = try Row.fetchOne(
            db.cachedStatement(sql: """
                SELECT * FROM health_booking
                WHERE clinic_id = ? AND patient_key = ? AND slot_date = ? AND status <> 'cancelled'
                """),
            arguments: [clinic.id, patientKey, slotDate.description]
        ).map(Booking.init(row:)) {
            // The same booking submitted again (a second press, a station retry under a new
            // request id): answer with the booking already made instead of refusing it.
            guard existing.slotTime == slotTime, existing.conditionKey == conditionKey else {
                throw HealthRejection.duplicateBooking(existing.code)
            }
            let current = existing.progressed(at: request.now, clinic: clinic, confirmationDelay: confirmationDelay, attends: attends(existing.code))
            if current != existing { try save(current, db: db) }
            return bookingResult(request, booking: current, clinic: clinic, patient: patient, condition: (code, condition), replayed: true)
        }

        let seats = try Int.fetchSet(
            db.cachedStatement(sql: """
                SELECT seat FROM health_booking
                WHERE clinic_id = ? AND slot_date = ? AND slot_time = ? AND status <> 'cancelled'
                """),
            arguments: [clinic.id, slotDate.description, slotTime.description])
        let sequence = try Int.fetchOne(
            db.cachedStatement(sql: "SELECT COALESCE(MAX(sequence), 0) + 1 FROM health_booking WHERE clinic_id = ? AND slot_date = ?"),
            arguments: [clinic.id, slotDate.description]) ?? 1
        guard let seat = (1...clinic.capacityPerSlot).first(where: { !seats.contains($0) }), sequence <= 9999 else {
            throw HealthRejection.slotFull(nextFree: try nextFreeSlots(clinic, after: (slotDate, slotTime), earliestStart: earliestStart,
                                                                       lastDate: lastDate, db: db))
        }

        let booking = Booking(
            code: BookingCode(clinicID: clinic.id, slotDate: slotDate, sequence: sequence), slotTime: slotTime, seat: seat,
            patientKey: patientKey, conditionKey: conditionKey, specialty: condition.specialty, status: .requested,
            createdAt: request.now)
        try db.cachedStatement(sql: """
            INSERT INTO health_booking
                (code, clinic_id, slot_date, slot_time, sequence, seat, capacity, patient_key, condition_key, specialty,
                 status, request_id, created_at, status_changed_at, cancelled_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
            """).execute(arguments: [
                booking.code.value, clinic.id, slotDate.description, slotTime.description, sequence, seat, clinic.capacityPerSlot,
                patientKey, conditionKey, condition.specialty.rawValue, booking.status.rawValue,
                request.requestID.lowercasedString, RFC3339.string(from: request.now), RFC3339.string(from: request.now),
            ])
        return bookingResult(request, booking: booking, clinic: clinic, patient: patient, condition: (code, condition), replayed: false)
    }

    func cancel(_ request: DomainRequest, db: Database) throws -> [String: JSONValue] {
        let (booking, clinic, patientID) = try ownBooking(request, db: db)
        switch booking.status {
        case .cancelled: throw HealthRejection.alreadyCancelled(booking.code)
        case let status where !status.isCancellable: throw HealthRejection.cancelTooLate(booking.code, status: status)
        default: break
        }
        let cancelled = booking.cancelled(at: request.now)
        try save(cancelled, db: db)
        var result = bookingResult(request, booking: cancelled, clinic: clinic, patient: citizens.record(for: patientID), condition: nil, replayed: false)
        result["cancelled_at"] = .string(RFC3339.string(from: request.now))
        return result
    }

    func status(_ request: DomainRequest, db: Database) throws -> [String: JSONValue] {
        let (booking, clinic, patientID) = try ownBooking(request, db: db)
        return bookingResult(request, booking: booking, clinic: clinic, patient: citizens.record(for: patientID), condition: nil, replayed: false)
    }

    /// The booking named by the payload, if it is the patient's own, with its due steps applied
    /// and saved (lazy state, like bills materialised on look-up).
    private func ownBooking(_ request: DomainRequest, db: Database) throws -> (Booking, Clinic, CitizenID) {
        let payload = request.payload
        let rawCode = try payload.string("booking_code")
        let rawPatient = try payload.string("patient_id_number")
        guard let code = BookingCode(parsing: rawCode) else { throw HealthRejection.invalidBookingCode() }
        let patientID = try Self.citizenID(rawPatient, field: "patient_id_number", HealthRejection.telemedicineInvalidIDNumber)
        guard let clinic = clinics.clinic(id: code.clinicID),
              let stored = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM health_booking WHERE code = ?"),
                                            arguments: [code.value]).map(Booking.init(row:)),
              // Someone else's booking is reported as missing: a code must not reveal a booking.
              stored.patientKey == citizenKey(patientID)
        else { throw HealthRejection.bookingNotFound(code) }
        let current = stored.progressed(at: request.now, clinic: clinic, confirmationDelay: confirmationDelay, attends: attends(stored.code))
        if current != stored { try save(current, db: db) }
        return (current, clinic, patientID)
    }

    var confirmationDelay: TimeInterval { TimeInterval(configuration.confirmationDelayMinutes * 60) }

    /// Whether the patient of `code` shows up: drawn once per booking code from the seed, so every
    /// look-up (and every replica of the database) tells the same story.
    func attends(_ code: BookingCode) -> Bool {
        let digest = Digest.sha256(Array(code.value.utf8))
        let word = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        var rng = SplitMix64(configuration.seed, 0xA77E_4D5, word)
        return rng.next(below: 100) >= UInt64(configuration.noShowPercent)
    }

    private func save(_ booking: Booking, db: Database) throws {
        try db.cachedStatement(sql: "UPDATE health_booking SET status = ?, status_changed_at = ?, cancelled_at = ? WHERE code = ?")
            .execute(arguments: [booking.status.rawValue, RFC3339.string(from: booking.statusChangedAt),
                                 booking.cancelledAt.map(RFC3339.string(from:)), booking.code.value])
    }

    /// Up to three bookable slots after the requested one, within the window.
    private func nextFreeSlots(_ clinic: Clinic, after requested: (CivilDate, TimeOfDay), earliestStart: Date,
                               lastDate: CivilDate, db: Database) throws -> [(CivilDate, TimeOfDay)] {
        var taken: [String: Int] = [:]
        for row in try Row.fetchAll(
            db.cachedStatement(sql: """
                SELECT slot_date, slot_time, COUNT(*) AS n FROM health_booking
                WHERE clinic_id = ? AND slot_date BETWEEN ? AND ? AND status <> 'cancelled'
                GROUP BY slot_date, slot_time
                """),
            arguments: [clinic.id, requested.0.description, lastDate.description]) {
            let date: String = row["slot_date"]
            let time: String = row["slot_time"]
            taken[date + " " + time] = row["n"]
        }
        var free: [(CivilDate, TimeOfDay)] = []
        var date = requested.0
        while date <= lastDate && free.count < 3 {
            if clinic.isOpen(on: date) {
                for time in clinic.slotTimes where (date, time.minutes) > (requested.0, requested.1.minutes) {
                    guard clinic.start(of: date, time) >= earliestStart else { continue }
                    if taken[date.description + " " + time.description, default: 0] < clinic.capacityPerSlot {
                        free.append((date, time))
                        if free.count == 3 { break }
                    }
                }
            }
            date = date.adding(days: 1)
        }
        return free
    }

    /// The result data of a booking: masked identity only; the ICD-10 code only when the kiosk
    /// just sent it (register).
    private func bookingResult(_ request: DomainRequest, booking: Booking, clinic: Clinic, patient: CitizenRecord?,
                               condition: (ICD10Code, TelemedicineCondition)?, replayed: Bool) -> [String: JSONValue] {
        var result: [String: JSONValue] = [
            "service_id": .string(request.serviceID),
            "booking_code": .string(booking.code.value),
            "status": .string(booking.status.rawValue),
            "status_vi": .string(booking.status.vietnameseName),
            "status_changed_at": .string(RFC3339.string(from: booking.statusChangedAt)),
            "clinic": .object([
                "clinic_id": .string(clinic.id),
                "name": .string(clinic.name),
                "ward_code": .string(clinic.wardCode),
            ]),
            "slot": .object([
                "date": .string(booking.slotDate.description),
                "time": .string(booking.slotTime.description),
                "starts_at": .string(RFC3339.string(from: clinic.start(of: booking.slotDate, booking.slotTime))),
                "ends_at": .string(RFC3339.string(from: clinic.end(of: booking.slotDate, booking.slotTime))),
                "minutes": .integer(Int64(clinic.slotMinutes)),
            ]),
            "specialty": .string(booking.specialty.rawValue),
            "specialty_vi": .string(booking.specialty.vietnameseName),
            "cancellable": .bool(booking.status.isCancellable),
            "replayed": .bool(replayed),
        ]
        if let patient {
            result["patient_id_masked"] = .string(patient.id.masked)
            result["patient_name_masked"] = .string(PersonName.masked(patient.fullName))
        }
        if let (code, listed) = condition {
            result["icd10_code"] = .string(code.value)
            result["condition_vi"] = .string(listed.nameVi)
            result["condition_en"] = .string(listed.nameEn)
        }
        return result
    }
}
