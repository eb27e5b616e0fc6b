import DCSDomain
import DCSSchema
import Foundation
import GRDB

/// A stored telemedicine booking (a `health_booking` row). Holds no ID number and no condition in
/// clear: only their keyed hashes.
struct Booking: Sendable, Hashable {
    let code: BookingCode
    let slotTime: TimeOfDay
    let seat: Int
    let patientKey: String
    let conditionKey: String
    let specialty: Specialty
    var status: BookingStatus
    let createdAt: Date
    var statusChangedAt: Date
    var cancelledAt: Date?

    var clinicID: String { code.clinicID }
    var slotDate: CivilDate { code.slotDate }

    /// The booking with every time-driven step that is due at `now` applied, one legal step at a
    /// time: the clinic confirms `confirmationDelay` after the request (at the latest when the
    /// slot starts), the session starts with the slot and ends with it, as `completed` when the
    /// patient `attends`, else `no_show`.
    func progressed(at now: Date, clinic: Clinic, confirmationDelay: TimeInterval, attends: Bool) -> Booking {
        var next = self
        let start = clinic.start(of: slotDate, slotTime)
        let end = clinic.end(of: slotDate, slotTime)
        while true {
            let step: (BookingStatus, Date)?
            switch next.status {
            case .requested:
                let confirmAt = min(createdAt.addingTimeInterval(confirmationDelay), start)
                step = now >= confirmAt ? (.confirmed, confirmAt) : nil
            case .confirmed:
                step = now >= start ? (.inSession, start) : nil
            case .inSession:
                step = now >= end ? (attends ? .completed : .noShow, end) : nil
            case .completed, .noShow, .cancelled:
                step = nil
            }
            guard let (status, at) = step else { return next }
            precondition(next.status.canTransition(to: status), "illegal booking step \(next.status) -> \(status)")
            next.status = status
            next.statusChangedAt = at
        }
    }

    /// The booking cancelled at `now`. The caller has checked ``BookingStatus/isCancellable``.
    func cancelled(at now: Date) -> Booking {
        precondition(status.canTransition(to: .cancelled))
        var next = self
        next.status = .cancelled
        next.statusChangedAt = now
        next.cancelledAt = now
        return next
    }

    /// Decodes a row; a row that breaks the table's own invariants is reported as corruption.
    init(row: Row) throws {
        let codeText: String = row["code"]
        let timeText: String = row["slot_time"]
        let specialtyText: String = row["specialty"]
        let statusText: String = row["status"]
        let createdText: String = row["created_at"]
        let changedText: String = row["status_changed_at"]
        let cancelledText: String? = row["cancelled_at"]
        guard let code = BookingCode(parsing: codeText), let time = TimeOfDay(parsing: timeText),
              let specialty = Specialty(rawValue: specialtyText), let status = BookingStatus(rawValue: statusText),
              let created = RFC3339.date(from: createdText), let changed = RFC3339.date(from: changedText)
        else { throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "unreadable health_booking row \(codeText)") }
        self.code = code
        self.slotTime = time
        self.seat = row["seat"]
        self.patientKey = row["patient_key"]
        self.conditionKey = row["condition_key"]
        self.specialty = specialty
        self.status = status
        self.createdAt = created
        self.statusChangedAt = changed
        self.cancelledAt = cancelledText.flatMap(RFC3339.date(from:))
    }

    init(code: BookingCode, slotTime: TimeOfDay, seat: Int, patientKey: String, conditionKey: String,
         specialty: Specialty, status: BookingStatus, createdAt: Date) {
        self.code = code
        self.slotTime = slotTime
        self.seat = seat
        self.patientKey = patientKey
        self.conditionKey = conditionKey
        self.specialty = specialty
        self.status = status
        self.createdAt = createdAt
        self.statusChangedAt = createdAt
        self.cancelledAt = nil
    }
}
