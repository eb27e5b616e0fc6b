import DCSDomain
import DCSSchema
import Foundation
import GRDB

/// `banking.card.apply`: a credit card application taken at the kiosk (Circular 45/2025).
///
/// Payload: `id_number`, `full_name`, `birth_date`, `phone_number`, `bank_bin`, `product`,
/// `requested_limit` (VND). Financial-data consent is required.
///
/// Checks, in order: payload shape; ID number; bank; product; limit within the product's bounds;
/// consent; registry (exists, name and birth date); phone well-formed and the applicant's own
/// registered number; age 18+; full legal capacity; no other pending application for the same
/// bank and product (an application not verified by its `visit_by` date expires first).
///
/// Issuing needs an in-person meeting with a biometric match, so the application is received as
/// `pending_in_person_verification` with a reference and what to bring, never approved here.
extension BankingService {
    func applyForCard(_ request: DomainRequest, db: Database) throws -> [String: JSONValue] {
        let payload = request.payload
        let idText = try payload.string("id_number")
        let fullName = try payload.string("full_name")
        let birthDate = try payload.date("birth_date")
        let phoneText = try payload.string("phone_number")
        let binText = try payload.string("bank_bin")
        let productID = try payload.string("product")
        let requestedLimit = try payload.integer("requested_limit")

        let id = try citizenID(idText, for: .cardApply)
        let bank = try whitelistedBank(binText, for: .cardApply)
        guard let product = configuration.cardProduct(id: productID) else {
            throw BankingRejection.productUnknown(configuration.cardProducts)
        }
        guard product.limits.contains(requestedLimit) else { throw BankingRejection.limitOutOfRange(product) }
        try payload.requireConsent(.financialData, submittedAt: request.submittedAt)

        let record = try registeredCitizen(id, for: .cardApply)
        try checkIdentity(record, fullName: fullName, birthDate: birthDate, for: .cardApply)
        let phone: PhoneNumber
        do { phone = try PhoneNumber(parsing: phoneText) } catch { throw BankingRejection.invalidPhoneNumber }
        guard phone == record.phone else { throw BankingRejection.phoneNotOwned }
        guard CitizenID.age(born: record.birthDate, on: request.today) >= configuration.minimumCardAge else {
            throw BankingRejection.applicantUnderAge(minimumAge: configuration.minimumCardAge)
        }
        guard record.hasFullLegalCapacity else { throw BankingRejection.legalCapacityRestricted(.cardApply) }

        let citizenKey = citizenKey(id)
        if let stored = try Row.fetchOne(
            db, sql: "SELECT * FROM banking_card_application WHERE request_id = ?", arguments: [request.requestID.key]
        ) {
            guard stored["citizen_key"] == citizenKey, stored["bank_bin"] == bank.bin, stored["product"] == product.id,
                  stored["requested_limit"] == requestedLimit else { throw BankingRejection.requestReused(.cardApply) }
            let status = CardApplicationStatus(rawValue: stored["status"]) ?? .pendingInPersonVerification
            return cardResult(reference: stored["reference"], status: status, bank: bank, product: product,
                              limit: requestedLimit, record: record, visitBy: CivilDate(parsing: stored["visit_by"]) ?? request.today,
                              submittedAt: stored["submitted_at"], replayed: true)
        }
        try expireOverdueApplications(citizenKey: citizenKey, today: request.today, now: request.now, db: db)
        if let pending = try Row.fetchOne(
            db,
            sql: """
                SELECT reference, visit_by FROM banking_card_application
                WHERE citizen_key = ? AND bank_bin = ? AND product = ? AND status = 'pending_in_person_verification'
                """,
            arguments: [citizenKey, bank.bin, product.id]
        ) {
            throw BankingRejection.applicationPending(reference: pending["reference"],
                                                      visitBy: CivilDate(parsing: pending["visit_by"]) ?? request.today)
        }

        let reference = cardReference(bank: bank, requestID: request.requestID, today: request.today)
        let visitBy = request.today.adding(days: configuration.cardVerificationDays)
        let submittedAt = RFC3339.string(from: request.now)
        try db.execute(
            sql: """
                INSERT INTO banking_card_application (reference, request_id, citizen_key, bank_bin, product, requested_limit,
                    status, submitted_on, visit_by, station_id, submitted_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [reference, request.requestID.key, citizenKey, bank.bin, product.id, requestedLimit,
                        CardApplicationStatus.pendingInPersonVerification.rawValue, request.today.description,
                        visitBy.description, request.stationID, submittedAt, submittedAt])
        return cardResult(reference: reference, status: .pendingInPersonVerification, bank: bank, product: product,
                          limit: requestedLimit, record: record, visitBy: visitBy, submittedAt: submittedAt, replayed: false)
    }

    /// Moves an application along its state machine (the branch's side: verification, issue,
    /// decline, withdrawal). Not a kiosk service yet; an overdue pending application expires first.
    ///
    /// - Throws: `banking.card.application_not_found`, `banking.card.transition_not_allowed`.
    public func updateCardApplication(reference: String, to next: CardApplicationStatus, now: Date,
                                      db: Database) throws -> CardApplicationStatus {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT citizen_key, status FROM banking_card_application WHERE reference = ?", arguments: [reference]
        ) else { throw BankingRejection.applicationNotFound }
        try expireOverdueApplications(citizenKey: row["citizen_key"], today: CivilDate.inHoChiMinhCity(now), now: now, db: db)
        let current = try String.fetchOne(
            db, sql: "SELECT status FROM banking_card_application WHERE reference = ?", arguments: [reference])
            .flatMap(CardApplicationStatus.init(rawValue:)) ?? .pendingInPersonVerification
        guard current.canTransition(to: next) else { throw BankingRejection.transitionNotAllowed(from: current, to: next) }
        try db.execute(
            sql: "UPDATE banking_card_application SET status = ?, updated_at = ? WHERE reference = ? AND status = ?",
            arguments: [next.rawValue, RFC3339.string(from: now), reference, current.rawValue])
        return next
    }

    /// pending -> expired for the citizen's applications whose `visit_by` date has passed.
    private func expireOverdueApplications(citizenKey: String, today: CivilDate, now: Date, db: Database) throws {
        try db.execute(
            sql: """
                UPDATE banking_card_application SET status = 'expired', updated_at = ?
                WHERE citizen_key = ? AND status = 'pending_in_person_verification' AND visit_by < ?
                """,
            arguments: [RFC3339.string(from: now), citizenKey, today.description])
    }

    /// `<BIN>-<YYMMDD>-<8 hex>`: readable over the phone, unique per request id.
    func cardReference(bank: Bank, requestID: UUID, today: CivilDate) -> String {
        let digest = Digest.sha256(Array("dcs.banking.card.\(requestID.key)".utf8))
        let date = CivilDate.pad(today.year % 100, 2) + CivilDate.pad(today.month, 2) + CivilDate.pad(today.day, 2)
        return "TD\(bank.bin)-\(date)-\(Digest.hex(Array(digest.prefix(4))).uppercased())"
    }

    private func cardResult(reference: String, status: CardApplicationStatus, bank: Bank, product: CardProduct, limit: Int64,
                            record: CitizenRecord, visitBy: CivilDate, submittedAt: String, replayed: Bool) -> [String: JSONValue] {
        [
            "service_id": .string(BankingServiceID.cardApply.rawValue),
            "status": .string(status.rawValue),
            "reference": .string(reference),
            "bank_bin": .string(bank.bin),
            "bank_name": .string(bank.name),
            "product": .string(product.id),
            "product_name_vi": .string(product.nameVi),
            "product_name_en": .string(product.nameEn),
            "requested_limit": .integer(limit),
            "applicant_name_masked": .string(PersonName.masked(record.fullName)),
            "id_number_masked": .string(record.id.masked),
            "phone_masked": .string(record.phone.masked),
            "visit_by": .string(visitBy.description),
            "in_person_requirements": .array(Self.inPersonRequirements),
            "submitted_at": .string(submittedAt),
            "replayed": .bool(replayed),
        ]
    }

    /// What the applicant must do at the branch (Circular 45/2025).
    static let inPersonRequirements: [JSONValue] = [
        ["code": "bring_chip_id_card",
         "vi": "Mang theo thẻ căn cước gắn chip.",
         "en": "Bring your chip ID card."],
        ["code": "biometric_match",
         "vi": "Đối chiếu sinh trắc học khuôn mặt trực tiếp tại quầy.",
         "en": "Face biometric match in person at the counter."],
        ["code": "registered_phone",
         "vi": "Mang theo điện thoại có số đã đăng ký để nhận mã xác thực.",
         "en": "Bring the registered phone to receive a verification code."],
    ]
}
