import DCSDomain
import DCSSchema

/// The rejections the telecom domain produces, with their codes and wording in one place.
///
/// Codes are `telecom.sim.<reason>` (stable, never renamed); payload and consent problems use the
/// shared `telecom.payload_invalid` and `telecom.consent_required`. Messages name numbers only in
/// masked form and never echo a name, birth date or ID number.
public enum TelecomRejection {
    /// Stable rejection codes.
    public enum Code: String, Sendable, CaseIterable {
        case payloadInvalid = "telecom.payload_invalid"
        case consentRequired = "telecom.consent_required"
        case invalidIDNumber = "telecom.sim.invalid_id_number"
        case citizenNotFound = "telecom.sim.citizen_not_found"
        case invalidPhoneNumber = "telecom.sim.invalid_phone_number"
        case unknownPrefix = "telecom.sim.unknown_prefix"
        case numberNotRegistered = "telecom.sim.number_not_registered"
        case numberDisowned = "telecom.sim.number_disowned"
        case alreadyDisowned = "telecom.sim.already_disowned"
        case contractTerminated = "telecom.sim.contract_terminated"
        case identityMismatch = "telecom.sim.identity_mismatch"
        case underAge = "telecom.sim.under_age"
        case alreadyRegistered = "telecom.sim.already_registered"
        case numberInUse = "telecom.sim.number_in_use"
        case onlineLimitReached = "telecom.sim.online_limit_reached"
    }

    static let category = "telecom"

    static func rejection(_ code: Code, vi: String, en: String, details: [String: JSONValue]? = nil) -> DomainRejection {
        DomainRejection(code: code.rawValue, vi: vi, en: en, details: details)
    }

    static func invalidIDNumber(_ error: CitizenIDError) -> DomainRejection {
        switch error {
        case .malformed:
            rejection(.invalidIDNumber,
                      vi: "Số định danh cá nhân không hợp lệ. Số gồm đúng 12 chữ số in trên thẻ căn cước.",
                      en: "Invalid personal ID number: expected the 12 digits printed on the ID card.")
        case .unknownProvince:
            rejection(.invalidIDNumber,
                      vi: "Số định danh cá nhân không hợp lệ: ba chữ số đầu không phải mã tỉnh, thành phố. Vui lòng kiểm tra lại thẻ căn cước.",
                      en: "Invalid personal ID number: the first three digits are not a province code.")
        }
    }

    static let citizenNotFound = rejection(
        .citizenNotFound,
        vi: "Không tìm thấy số định danh này trong Cơ sở dữ liệu quốc gia về dân cư. Vui lòng kiểm tra lại thẻ căn cước.",
        en: "The national population database has no person with this ID number.")

    static let invalidPhoneNumber = rejection(
        .invalidPhoneNumber,
        vi: "Số điện thoại không hợp lệ. Vui lòng nhập số di động 10 chữ số, ví dụ 0912 345 678.",
        en: "Invalid mobile number: expected 10 digits such as 0912345678 (or +84 912345678).")

    static func unknownPrefix(_ prefix: String) -> DomainRejection {
        rejection(.unknownPrefix,
                  vi: "Đầu số \(prefix) không thuộc nhà mạng di động nào.",
                  en: "Mobile prefix \(prefix) is allocated to no carrier.",
                  details: ["prefix": .string(prefix)])
    }

    static func numberNotRegistered(_ phone: PhoneNumber) -> DomainRejection {
        rejection(.numberNotRegistered,
                  vi: "Số \(phone.masked) không đăng ký theo số định danh của quý khách. Quý khách có thể xem danh sách các số đang đứng tên mình.",
                  en: "Number \(phone.masked) is not registered to this ID document.",
                  details: ["phone_masked": .string(phone.masked)])
    }

    static func numberDisowned(_ phone: PhoneNumber) -> DomainRejection {
        rejection(.numberDisowned,
                  vi: "Quý khách đã từ chối số \(phone.masked), số này không còn đứng tên quý khách nên không thể xác thực.",
                  en: "Number \(phone.masked) was disowned by this ID document and cannot be identified.",
                  details: ["phone_masked": .string(phone.masked)])
    }

    static func alreadyDisowned(_ phone: PhoneNumber, at disownedAt: String) -> DomainRejection {
        rejection(.alreadyDisowned,
                  vi: "Số \(phone.masked) đã được từ chối trước đó, không cần thực hiện lại.",
                  en: "Number \(phone.masked) was already disowned.",
                  details: ["phone_masked": .string(phone.masked), "disowned_at": .string(disownedAt)])
    }

    static func contractTerminated(_ phone: PhoneNumber, at terminatedAt: String) -> DomainRejection {
        rejection(.contractTerminated,
                  vi: "Hợp đồng của số \(phone.masked) đã chấm dứt do thông tin thuê bao không được xác thực đúng hạn. "
                      + "Quý khách vui lòng liên hệ cửa hàng của nhà mạng.",
                  en: "The contract of number \(phone.masked) ended because the subscriber was not identified in time; "
                      + "the citizen must visit a carrier store.",
                  details: ["phone_masked": .string(phone.masked), "contract_terminated_at": .string(terminatedAt),
                            "referral": .string("carrier_store")])
    }

    /// The claimed identity does not match the population registry. Names the failed fields only,
    /// and says what was not done: `service` is the refused service (identify answers a mismatch
    /// with a suspension timeline instead, never with this rejection).
    static func identityMismatch(_ fields: [IdentityField], service: TelecomServiceID) -> DomainRejection {
        let names = fields.map(\.rawValue).joined(separator: ", ")
        let (notDoneVi, notDoneEn): (String, String) = switch service {
        case .list: ("Chưa thể hiển thị các số thuê bao đứng tên số định danh này", "the numbers registered to this ID document are not shown")
        case .disown: ("Chưa thể từ chối số thuê bao", "no number was disowned")
        case .register: ("Chưa thể đăng ký số mới", "no number was registered")
        case .identify: ("Chưa thể xác thực thông tin thuê bao", "the subscriber was not identified")
        }
        return rejection(.identityMismatch,
                         vi: "Thông tin không khớp với Cơ sở dữ liệu quốc gia về dân cư (\(vietnameseFieldNames(fields))). "
                             + "\(notDoneVi); quý khách vui lòng kiểm tra lại thông tin trên thẻ căn cước.",
                         en: "The data does not match the national population database (\(names)); \(notDoneEn).",
                         details: ["mismatched_fields": .array(fields.map { .string($0.rawValue) })])
    }

    static func underAge(minimumAge: Int) -> DomainRejection {
        rejection(.underAge,
                  vi: "Người dưới \(minimumAge) tuổi không tự đăng ký thuê bao; cha, mẹ hoặc người giám hộ cần đăng ký tại cửa hàng của nhà mạng.",
                  en: "People under \(minimumAge) cannot register a number in their own name; a parent or guardian registers it at a carrier store.",
                  details: ["minimum_age": .integer(Int64(minimumAge)), "referral": .string("carrier_store")])
    }

    static func alreadyRegistered(_ phone: PhoneNumber) -> DomainRejection {
        rejection(.alreadyRegistered,
                  vi: "Số \(phone.masked) đã đứng tên quý khách từ trước, không cần đăng ký lại.",
                  en: "Number \(phone.masked) is already registered to this ID document.",
                  details: ["phone_masked": .string(phone.masked)])
    }

    static func numberInUse(_ phone: PhoneNumber) -> DomainRejection {
        rejection(.numberInUse,
                  vi: "Số \(phone.masked) đã có người sử dụng. Quý khách vui lòng chọn số khác.",
                  en: "Number \(phone.masked) is already in use; choose another number.",
                  details: ["phone_masked": .string(phone.masked)])
    }

    static func onlineLimitReached(registered: Int, limit: Int, carrier: TelecomCarrier) -> DomainRejection {
        rejection(.onlineLimitReached,
                  vi: "Số định danh của quý khách đã có \(registered) số thuê bao. Theo Nghị định 163/2024/NĐ-CP, chỉ \(limit) số đầu tiên "
                      + "được đăng ký trực tuyến; từ số thứ \(limit + 1), quý khách vui lòng đến cửa hàng của \(carrier.displayName) để đăng ký.",
                  en: "This ID document already holds \(registered) numbers. Decree 163/2024 allows only the first \(limit) to be "
                      + "registered online; from number \(limit + 1) the citizen must register at a \(carrier.displayName) store.",
                  details: ["registered_count": .integer(Int64(registered)), "online_limit": .integer(Int64(limit)),
                            "referral": .string("carrier_store"), "carrier": .string(carrier.rawValue),
                            "legal_basis": .string("Decree 163/2024/ND-CP")])
    }

    /// `họ và tên, ngày sinh` for the kiosk screen.
    static func vietnameseFieldNames(_ fields: [IdentityField]) -> String {
        fields.map { field in
            switch field {
            case .idNumber: "số định danh"
            case .fullName: "họ và tên"
            case .birthDate: "ngày sinh"
            case .face: "khuôn mặt"
            }
        }.joined(separator: ", ")
    }
}
