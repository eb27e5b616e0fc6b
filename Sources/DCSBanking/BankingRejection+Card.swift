import DCSDomain
import DCSSchema

/// Rejections of `banking.card.apply` (Circular 45/2025) and of card application updates.
extension BankingRejection {
    static let invalidPhoneNumber = make(
        .cardApply, "invalid_phone_number",
        vi: "Số điện thoại không hợp lệ. Vui lòng nhập số di động 10 chữ số, ví dụ 0912 345 678.",
        en: "Invalid mobile number: expected 10 digits such as 0912345678.")

    static let phoneNotOwned = make(
        .cardApply, "phone_not_owned",
        vi: "Số điện thoại phải là số chính chủ đã đăng ký với tài khoản định danh của người mở thẻ.",
        en: "The phone number must be the applicant's own registered number.")

    static func applicantUnderAge(minimumAge: Int) -> DomainRejection {
        make(.cardApply, "applicant_under_18",
             vi: "Người mở thẻ tín dụng phải từ đủ \(minimumAge) tuổi.",
             en: "Credit card applicants must be at least \(minimumAge).",
             details: ["minimum_age": .integer(Int64(minimumAge))])
    }

    static func productUnknown(_ products: [CardProduct]) -> DomainRejection {
        make(.cardApply, "product_unknown",
             vi: "Loại thẻ không có trong danh mục tại trạm.",
             en: "Unknown card product.",
             details: ["products": .array(products.map { .string($0.id) })])
    }

    static func limitOutOfRange(_ product: CardProduct) -> DomainRejection {
        make(.cardApply, "limit_out_of_range",
             vi: "Hạn mức đề nghị cho \(product.nameVi) phải từ \(VND.vietnamese(product.limits.lowerBound)) đến \(VND.vietnamese(product.limits.upperBound)).",
             en: "The requested limit for the \(product.nameEn) must be \(VND.english(product.limits.lowerBound)) to \(VND.english(product.limits.upperBound)).",
             details: ["minimum_limit": .integer(product.limits.lowerBound), "maximum_limit": .integer(product.limits.upperBound)])
    }

    static func applicationPending(reference: String, visitBy: CivilDate) -> DomainRejection {
        make(.cardApply, "application_pending",
             vi: "Quý khách đã có hồ sơ \(reference) cho loại thẻ này đang chờ xác minh trực tiếp đến ngày \(visitBy.day)/\(visitBy.month)/\(visitBy.year).",
             en: "An application (\(reference)) for this card is already waiting for in-person verification until \(visitBy).",
             details: ["reference": .string(reference), "visit_by": .string(visitBy.description)])
    }

    static let applicationNotFound = make(
        .cardApply, "application_not_found",
        vi: "Không tìm thấy hồ sơ mở thẻ.",
        en: "No such card application.")

    static func transitionNotAllowed(from: CardApplicationStatus, to: CardApplicationStatus) -> DomainRejection {
        make(.cardApply, "transition_not_allowed",
             vi: "Không thể chuyển hồ sơ từ trạng thái '\(from.rawValue)' sang '\(to.rawValue)'.",
             en: "A card application cannot go from '\(from.rawValue)' to '\(to.rawValue)'.",
             details: ["from": .string(from.rawValue), "to": .string(to.rawValue)])
    }
}
