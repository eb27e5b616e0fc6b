import DCSDomain
import DCSSchema

/// Household health insurance rejections.
extension HealthRejection {
    static func insuranceInvalidIDNumber(_ field: String) -> DomainRejection {
        make(.insuranceInvalidIDNumber,
             vi: "Số định danh cá nhân không hợp lệ (\(field)): cần đủ 12 chữ số như in trên thẻ căn cước.",
             en: "Invalid personal ID number in '\(field)': 12 digits are expected.", details: fieldDetails(field))
    }

    static func citizenNotFound(_ field: String, _ id: CitizenID) -> DomainRejection {
        make(.insuranceCitizenNotFound,
             vi: "Không tìm thấy công dân có số định danh \(id.masked) (\(field)) trong Cơ sở dữ liệu quốc gia về dân cư.",
             en: "No citizen with ID number \(id.masked) ('\(field)') in the national population database.",
             details: fieldDetails(field))
    }

    static func nameMismatch(_ field: String) -> DomainRejection {
        make(.insuranceNameMismatch,
             vi: "Họ tên (\(field)) không khớp với Cơ sở dữ liệu quốc gia về dân cư. Vui lòng nhập đúng họ tên có dấu như trên thẻ căn cước.",
             en: "The name in '\(field)' does not match the national population database.", details: fieldDetails(field))
    }

    static func noMembers() -> DomainRejection {
        make(.insuranceNoMembers,
             vi: "Vui lòng nhập ít nhất một thành viên hộ gia đình tham gia BHYT.",
             en: "At least one household member is needed.")
    }

    static func tooManyMembers(max: Int) -> DomainRejection {
        make(.insuranceTooManyMembers,
             vi: "Mỗi lần đăng ký tối đa \(max) thành viên. Vui lòng chia thành nhiều lần.",
             en: "At most \(max) members per request.", details: ["max_members": .integer(Int64(max))])
    }

    static func duplicateMember(position: Int, firstPosition: Int) -> DomainRejection {
        make(.insuranceDuplicateMember,
             vi: "Thành viên thứ \(position) trùng với thành viên thứ \(firstPosition).",
             en: "Member \(position) repeats member \(firstPosition).",
             details: ["position": .integer(Int64(position)), "first_position": .integer(Int64(firstPosition))])
    }

    static func invalidTerm(_ months: Int64, allowed: [Int]) -> DomainRejection {
        make(.insuranceInvalidTerm,
             vi: "Thời hạn \(months) tháng không hợp lệ. Chỉ chọn: " + allowed.map { "\($0) tháng" }.joined(separator: ", ") + ".",
             en: "A term of \(months) months is not offered (allowed: \(allowed.map(String.init).joined(separator: ", ")) months).",
             details: ["allowed_terms_months": .array(allowed.map { .integer(Int64($0)) })])
    }

    static func invalidStartDate(earliest: CivilDate, latest: CivilDate) -> DomainRejection {
        make(.insuranceInvalidStartDate,
             vi: "Ngày bắt đầu hiệu lực phải từ \(earliest) đến \(latest).",
             en: "The start date must be between \(earliest) and \(latest).",
             details: ["earliest": .string(earliest.description), "latest": .string(latest.description)])
    }

    static func allMembersInsuredElsewhere(_ excluded: [JSONValue]) -> DomainRejection {
        make(.insuranceAllMembersInsuredElsewhere,
             vi: "Tất cả thành viên đã có thẻ BHYT theo nhóm khác, không cần mua BHYT hộ gia đình.",
             en: "Every member is already insured through another group: nothing to buy.",
             details: ["excluded_members": .array(excluded)])
    }

    static func memberAlreadyCovered(_ conflicts: [JSONValue]) -> DomainRejection {
        make(.insuranceMemberAlreadyCovered,
             vi: "Có thành viên đã có BHYT hộ gia đình còn hiệu lực trùng thời hạn đăng ký. Vui lòng bỏ thành viên đó hoặc chọn ngày bắt đầu sau khi thẻ hết hạn.",
             en: "A member already holds a household policy overlapping the requested term.",
             details: ["conflicts": .array(conflicts)])
    }

    static func amountMismatch(expected: Int64, total: Int64) -> DomainRejection {
        make(.insuranceAmountMismatch,
             vi: "Số tiền \(VND.vietnamese(expected)) không khớp với số tiền cần đóng \(VND.vietnamese(total)). Vui lòng xem lại báo giá.",
             en: "Expected total \(VND.english(expected)) differs from the amount due \(VND.english(total)); quote again.",
             details: ["expected_total": .integer(expected), "total_amount": .integer(total)])
    }
}
