import DCSDomain
import DCSSchema

/// The banking domain's rejections, with their wording in one place. Codes are
/// `banking.<service>.<reason>`; once shipped a code never changes meaning.
///
/// Messages and details never carry personal data beyond masked values.
enum BankingRejection {
    /// The part of a service id that names the service: `account`, `card`, `vietqr`, `transfer`.
    static func service(_ id: BankingServiceID) -> String {
        id.rawValue.split(separator: ".")[1].description
    }

    static func make(_ id: BankingServiceID, _ reason: String, vi: String, en: String,
                     details: [String: JSONValue]? = nil) -> DomainRejection {
        DomainRejection(code: "banking.\(service(id)).\(reason)", vi: vi, en: en, details: details)
    }

    /// The ID number is not 12 digits or its province code is not one of the 63.
    static func invalidIDNumber(_ id: BankingServiceID) -> DomainRejection {
        make(id, "invalid_id_number",
             vi: "Số định danh cá nhân không hợp lệ. Số gồm 12 chữ số in trên thẻ căn cước.",
             en: "Invalid personal ID number: expected the 12 digits printed on the ID card.")
    }

    /// Nobody is registered under the number in the national population database.
    static func citizenNotFound(_ id: BankingServiceID) -> DomainRejection {
        make(id, "citizen_not_found",
             vi: "Không tìm thấy công dân với số định danh này trong Cơ sở dữ liệu quốc gia về dân cư.",
             en: "No citizen with this ID number in the national population database.")
    }

    /// The name or birth date differs from the population database.
    static func identityMismatch(_ id: BankingServiceID, fields: [String]) -> DomainRejection {
        make(id, "identity_mismatch",
             vi: "Họ tên hoặc ngày sinh không khớp với Cơ sở dữ liệu quốc gia về dân cư. Vui lòng nhập đúng như trên thẻ căn cước.",
             en: "The name or birth date does not match the national population database.",
             details: ["fields": .array(fields.map(JSONValue.string))])
    }

    /// The BIN is not one of the whitelisted banks.
    static func bankNotSupported(_ id: BankingServiceID, bin: String) -> DomainRejection {
        make(id, "bank_not_supported",
             vi: "Ngân hàng (mã BIN \(bin.prefix(6))) chưa được hỗ trợ tại trạm.",
             en: "The bank with BIN \(bin.prefix(6)) is not supported at this station.")
    }

    /// A court restricted the citizen's legal capacity: banks cannot contract remotely.
    static func legalCapacityRestricted(_ id: BankingServiceID) -> DomainRejection {
        make(id, "legal_capacity_restricted",
             vi: "Dịch vụ trực tuyến chỉ dành cho người có đầy đủ năng lực hành vi dân sự. Vui lòng liên hệ chi nhánh ngân hàng cùng người đại diện theo pháp luật.",
             en: "Online banking services require full legal capacity; please visit a branch with your legal representative.")
    }

    /// The request id was already used for a different citizen or operation.
    static func requestReused(_ id: BankingServiceID) -> DomainRejection {
        make(id, "request_reused",
             vi: "Mã yêu cầu đã được dùng cho một giao dịch khác. Vui lòng thực hiện lại.",
             en: "This request id was already used for a different operation.")
    }
}
