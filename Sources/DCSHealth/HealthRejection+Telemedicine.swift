import DCSDomain
import DCSSchema

/// Telemedicine rejections.
extension HealthRejection {
    static func clinicNotFound(_ clinicID: String) -> DomainRejection {
        make(.telemedicineClinicNotFound,
             vi: "Không tìm thấy phòng khám có mã \(clinicID). Vui lòng chọn lại phòng khám trên màn hình.",
             en: "No clinic with id \(clinicID).", details: ["clinic_id": .string(clinicID)])
    }

    static func telemedicineInvalidIDNumber(_ field: String) -> DomainRejection {
        make(.telemedicineInvalidIDNumber,
             vi: "Số định danh cá nhân không hợp lệ: cần đủ 12 chữ số như in trên thẻ căn cước.",
             en: "Invalid personal ID number: 12 digits are expected, as printed on the ID card.", details: fieldDetails(field))
    }

    static func patientNotFound(_ id: CitizenID) -> DomainRejection {
        make(.telemedicinePatientNotFound,
             vi: "Không tìm thấy người bệnh có số định danh \(id.masked) trong Cơ sở dữ liệu quốc gia về dân cư.",
             en: "No citizen with ID number \(id.masked) in the national population database.")
    }

    static func invalidICD10Code() -> DomainRejection {
        make(.telemedicineInvalidICD10Code,
             vi: "Mã bệnh ICD-10 không hợp lệ (ví dụ đúng: J00, J31.1).",
             en: "Invalid ICD-10 code (expected e.g. J00 or J31.1).", details: ["pattern": "^[A-Z][0-9]{2}(\\.[0-9]{1,2})?$"])
    }

    static func referredInPerson(_ referral: Referral) -> DomainRejection {
        make(.telemedicineReferredInPerson,
             vi: "Bệnh mã \(referral.code) không thuộc danh mục được khám từ xa theo Thông tư 30/2023/TT-BYT. \(referral.adviceVi)",
             en: "Condition \(referral.code) is not on the remote-examination list of Circular 30/2023/TT-BYT. \(referral.adviceEn)",
             details: referral.details)
    }

    static func specialtyNotOffered(_ clinic: Clinic, _ specialty: Specialty) -> DomainRejection {
        make(.telemedicineSpecialtyNotOffered,
             vi: "\(clinic.name) chưa khám từ xa chuyên khoa \(specialty.vietnameseName). Vui lòng chọn phòng khám khác.",
             en: "\(clinic.name) does not examine \(specialty.englishName) remotely.",
             details: ["specialty": .string(specialty.rawValue),
                       "clinic_specialties": .array(clinic.specialties.map { .string($0.rawValue) })])
    }

    static func slotNotOffered(_ clinic: Clinic, date: CivilDate) -> DomainRejection {
        make(.telemedicineSlotNotOffered,
             vi: clinic.isOpen(on: date)
                ? "\(clinic.name) không có khung giờ khám đã chọn. Vui lòng chọn một khung giờ trong danh sách."
                : "\(clinic.name) không khám từ xa vào ngày \(date). Vui lòng chọn ngày khác.",
             en: clinic.isOpen(on: date)
                ? "\(clinic.name) has no slot at the requested time."
                : "\(clinic.name) holds no remote sessions on \(date).",
             details: ["open_weekdays": .array(clinic.openWeekdays.sorted().map { .integer(Int64($0)) }),
                       "slot_times": .array(clinic.slotTimes.map { .string($0.description) })])
    }

    static func slotInPast(leadMinutes: Int) -> DomainRejection {
        make(.telemedicineSlotInPast,
             vi: "Khung giờ đã qua hoặc còn dưới \(leadMinutes) phút. Vui lòng chọn khung giờ muộn hơn.",
             en: "The slot has passed or starts in less than \(leadMinutes) minutes.",
             details: ["minimum_lead_minutes": .integer(Int64(leadMinutes))])
    }

    static func slotBeyondWindow(lastDate: CivilDate, windowDays: Int) -> DomainRejection {
        make(.telemedicineSlotBeyondWindow,
             vi: "Chỉ đặt lịch trước tối đa \(windowDays) ngày (đến hết ngày \(lastDate)).",
             en: "Bookings open at most \(windowDays) days ahead (until \(lastDate)).",
             details: ["last_bookable_date": .string(lastDate.description), "booking_window_days": .integer(Int64(windowDays))])
    }

    static func duplicateBooking(_ existing: BookingCode) -> DomainRejection {
        make(.telemedicineDuplicateBooking,
             vi: "Người bệnh đã có lịch khám \(existing) tại phòng khám này trong ngày. Mỗi ngày chỉ đặt một lịch tại một phòng khám.",
             en: "The patient already holds booking \(existing) at this clinic that day (one per clinic per day).",
             details: ["existing_booking_code": .string(existing.value)])
    }

    static func slotFull(nextFree: [(CivilDate, TimeOfDay)]) -> DomainRejection {
        make(.telemedicineSlotFull,
             vi: nextFree.isEmpty
                ? "Khung giờ đã kín và không còn khung giờ trống trong thời gian đặt lịch."
                : "Khung giờ đã kín. Các khung giờ còn trống gần nhất: " + nextFree.map { "\($1) ngày \($0)" }.joined(separator: ", ") + ".",
             en: "The slot is full." + (nextFree.isEmpty ? " No free slot is left in the booking window." : " Next free slots are listed."),
             details: ["next_free_slots": .array(nextFree.map { .object(["date": .string($0.description), "time": .string($1.description)]) })])
    }

    static func invalidBookingCode() -> DomainRejection {
        make(.telemedicineInvalidBookingCode,
             vi: "Mã lịch khám không hợp lệ (ví dụ đúng: TM79012-251015-0003).",
             en: "Invalid booking code (expected e.g. TM79012-251015-0003).")
    }

    static func bookingNotFound(_ code: BookingCode) -> DomainRejection {
        make(.telemedicineBookingNotFound,
             vi: "Không tìm thấy lịch khám \(code) của người bệnh này. Vui lòng kiểm tra mã lịch và số định danh.",
             en: "No booking \(code) for this patient.", details: ["booking_code": .string(code.value)])
    }

    static func alreadyCancelled(_ code: BookingCode) -> DomainRejection {
        make(.telemedicineAlreadyCancelled,
             vi: "Lịch khám \(code) đã được hủy trước đó.",
             en: "Booking \(code) was already cancelled.", details: ["booking_code": .string(code.value)])
    }

    static func cancelTooLate(_ code: BookingCode, status: BookingStatus) -> DomainRejection {
        make(.telemedicineCancelTooLate,
             vi: "Không thể hủy lịch khám \(code) vì buổi khám đã bắt đầu (trạng thái: \(status.vietnameseName)).",
             en: "Booking \(code) cannot be cancelled: the session has started (status \(status.rawValue)).",
             details: ["booking_code": .string(code.value), "status": .string(status.rawValue)])
    }
}
