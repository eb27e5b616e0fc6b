import DCSDomain
import DCSSchema
import Foundation
import GRDB

/// `administrative.security.notices` and `administrative.security.report`.
///
/// Subject: the ward code (`ward_code`, defaulting to the station's ward), so a ward's reports and
/// their per-day tracking sequence live in one partition database.
extension AdministrativeService {
    /// The ward a security request is about: the payload's `ward_code`, else the station's ward.
    func wardCode(_ request: DomainRequest) throws -> String {
        let ward = (try request.payload.optionalString("ward_code") ?? request.wardCode).trimmingCharacters(in: .whitespacesAndNewlines)
        guard SecurityNoticeBoard.isWardCode(ward) else { throw AdministrativeRejection.wardCodeInvalid(ward) }
        return ward
    }

    func notices(_ request: DomainRequest) throws -> [String: JSONValue] {
        let ward = try wardCode(request)
        var topic: NoticeTopic?
        if let text = try request.payload.optionalString("topic") {
            guard let known = NoticeTopic(rawValue: text) else { throw AdministrativeRejection.topicUnknown(text) }
            topic = known
        }
        let limit = try request.payload.optionalInteger("limit") ?? 10
        guard (1...50).contains(limit) else { throw AdministrativeRejection.limitOutOfRange }
        let all = noticeBoard.notices(wardCode: ward, today: request.today).filter { topic == nil || $0.topic == topic }
        return [
            "service_id": .string(request.serviceID),
            "ward_code": .string(ward),
            "as_of": .string(request.today.description),
            "total": .integer(Int64(all.count)),
            "notices": .array(all.prefix(Int(limit)).map { notice in
                [
                    "id": .string(notice.id), "topic": .string(notice.topic.rawValue),
                    "published_on": .string(notice.publishedOn.description), "valid_until": .string(notice.validUntil.description),
                    "title_vi": .string(notice.titleVi), "title_en": .string(notice.titleEn),
                    "body_vi": .string(notice.bodyVi), "body_en": .string(notice.bodyEn),
                ]
            }),
        ]
    }

    /// Files a report and issues its tracking code `ANTT-<ward>-<YYMMDD>-<NNNN>`. Anonymous unless
    /// a phone number is left (stored as a keyed hash and a masked form only). The same report
    /// sent twice the same day gets the first tracking code back (`replayed`).
    func report(_ request: DomainRequest, db: Database) throws -> [String: JSONValue] {
        let payload = request.payload
        let ward = try wardCode(request)
        let categoryText = try payload.string("category")
        guard let category = SecurityReportCategory(rawValue: categoryText) else { throw AdministrativeRejection.categoryUnknown(categoryText) }
        let description = (try payload.optionalString("description") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            .precomposedStringWithCanonicalMapping
        let limits = configuration.reportDescriptionLength
        guard description.count >= limits.lowerBound else { throw AdministrativeRejection.descriptionTooShort(limits.lowerBound) }
        guard description.count <= limits.upperBound else { throw AdministrativeRejection.descriptionTooLong(limits.upperBound) }
        let location = try payload.optionalString("location")?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let location, location.count > configuration.reportLocationMaxLength {
            throw AdministrativeRejection.locationTooLong(configuration.reportLocationMaxLength)
        }
        var phone: PhoneNumber?
        if let text = try payload.optionalString("contact_phone"), !text.allSatisfy(\.isWhitespace) {
            do { phone = try PhoneNumber(parsing: text) } catch { throw AdministrativeRejection.phoneInvalid }
        }
        let wantsCallback = try payload.optionalBool("wants_callback") ?? false
        guard !wantsCallback || phone != nil else { throw AdministrativeRejection.callbackRequiresPhone }

        let today = request.today
        let phoneKey = phone.map { keyedHash("phone:" + $0.value) }
        let contentKey = keyedHash(["report", ward, today.description, category.rawValue,
                                    description.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " "),
                                    phoneKey ?? ""].joined(separator: "|"))
        if let row = try Row.fetchOne(db, sql: "SELECT * FROM administrative_security_report WHERE content_key = ?", arguments: [contentKey]) {
            return reportResult(request, trackingCode: row["tracking_code"], ward: ward, category: category, receivedAt: row["submitted_at"],
                                phoneMasked: row["phone_masked"], wantsCallback: row["wants_callback"], replayed: true)
        }
        let last = try Int.fetchOne(db, sql: "SELECT MAX(sequence) FROM administrative_security_report WHERE ward_code = ? AND reported_on = ?",
                                    arguments: [ward, today.description]) ?? 0
        // 9,999 reports in a ward in a day would fail the CHECK: a storage error, not a business answer.
        let trackingCode = "ANTT-\(ward)-\(DossierCode.dayStamp(today))-\(CivilDate.pad(last + 1, 4))"
        let submittedAt = RFC3339.string(from: request.now)
        try db.execute(sql: """
            INSERT INTO administrative_security_report
                (tracking_code, ward_code, reported_on, sequence, category, description, location, phone_key, phone_masked,
                 wants_callback, content_key, station_id, submitted_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [trackingCode, ward, today.description, last + 1, category.rawValue, description,
                             location?.isEmpty == false ? location : nil, phoneKey, phone?.masked, wantsCallback ? 1 : 0,
                             contentKey, request.stationID, submittedAt])
        return reportResult(request, trackingCode: trackingCode, ward: ward, category: category, receivedAt: submittedAt,
                            phoneMasked: phone?.masked, wantsCallback: wantsCallback, replayed: false)
    }

    private func reportResult(_ request: DomainRequest, trackingCode: String, ward: String, category: SecurityReportCategory,
                              receivedAt: String, phoneMasked: String?, wantsCallback: Bool, replayed: Bool) -> [String: JSONValue] {
        [
            "service_id": .string(request.serviceID),
            "tracking_code": .string(trackingCode),
            "ward_code": .string(ward),
            "category": .string(category.rawValue),
            "category_name_vi": .string(category.nameVi),
            "status": "received",
            "received_at": .string(receivedAt),
            "anonymous": .bool(phoneMasked == nil),
            "contact_phone_masked": phoneMasked.map(JSONValue.string) ?? .null,
            "wants_callback": .bool(wantsCallback),
            "emergency_hotline": category.emergencyHotline.map(JSONValue.string) ?? .null,
            "replayed": .bool(replayed),
        ]
    }
}
