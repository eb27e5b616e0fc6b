import DCSDomain
import DCSSchema

/// Every business refusal of the administrative domain, with its stable code and wording in one
/// place. Codes are `administrative.<service>.<reason>`; once shipped they never change meaning.
public enum AdministrativeRejection {
    static func make(_ code: String, vi: String, en: String, details: [String: JSONValue]? = nil) -> DomainRejection {
        DomainRejection(code: "administrative.\(code)", vi: vi, en: en, details: details)
    }

    // MARK: Dossier submission

    static func agencyUnknown(_ code: String) -> DomainRejection {
        make("dossier.agency_unknown",
             vi: "Mã cơ quan tiếp nhận '\(code)' không thuộc danh sách cơ quan của Thành phố Hồ Chí Minh.",
             en: "'\(code)' is not a receiving agency of Ho Chi Minh City.")
    }

    static func procedureUnknown(_ code: String) -> DomainRejection {
        make("dossier.procedure_unknown",
             vi: "Không tìm thấy thủ tục hành chính có mã '\(code)'.", en: "No administrative procedure has code '\(code)'.")
    }

    static func procedureNotAtAgency(_ procedure: Procedure, _ agency: Agency) -> DomainRejection {
        make("dossier.procedure_not_at_agency",
             vi: "Thủ tục '\(procedure.nameVi)' không do \(agency.nameVi) tiếp nhận.",
             en: "'\(procedure.nameEn)' is not received by \(agency.nameEn).",
             details: ["procedure_code": .string(procedure.code), "agency_code": .string(agency.code)])
    }

    static let applicantIDInvalid = make(
        "dossier.applicant_id_invalid",
        vi: "Số định danh cá nhân (căn cước) phải gồm 12 chữ số, bắt đầu bằng mã tỉnh hợp lệ.",
        en: "The personal ID number must be 12 digits starting with a valid province code.")

    static let applicantNotFound = make(
        "dossier.applicant_not_found",
        vi: "Không tìm thấy số định danh cá nhân trong Cơ sở dữ liệu quốc gia về dân cư.",
        en: "The ID number is not in the national population database.")

    static func applicantUnderage(minimumAge: Int) -> DomainRejection {
        make("dossier.applicant_underage",
             vi: "Người nộp hồ sơ phải từ đủ \(minimumAge) tuổi trở lên đối với thủ tục này.",
             en: "The applicant must be at least \(minimumAge) for this procedure.",
             details: ["minimum_age": .integer(Int64(minimumAge))])
    }

    static func copiesOutOfRange(_ range: ClosedRange<Int>) -> DomainRejection {
        make("dossier.copies_out_of_range",
             vi: "Số bản sao phải từ \(range.lowerBound) đến \(range.upperBound).",
             en: "The number of copies must be between \(range.lowerBound) and \(range.upperBound).",
             details: ["min": .integer(Int64(range.lowerBound)), "max": .integer(Int64(range.upperBound))])
    }

    static func channelNotOffered(_ channel: String, _ procedure: Procedure) -> DomainRejection {
        let offered = ResultChannel.allCases.filter(procedure.resultChannels.contains).map(\.rawValue)
        return make("dossier.channel_not_offered",
                    vi: "Thủ tục này không trả kết quả qua hình thức '\(channel)'. Hình thức được hỗ trợ: \(offered.joined(separator: ", ")).",
                    en: "This procedure does not return results by '\(channel)'. Offered: \(offered.joined(separator: ", ")).",
                    details: ["offered_channels": .array(offered.map(JSONValue.string))])
    }

    static let postalAddressRequired = make(
        "dossier.postal_address_required",
        vi: "Nhận kết quả qua bưu chính cần địa chỉ nhận (từ 10 đến 300 ký tự).",
        en: "A postal result needs a delivery address (10 to 300 characters).")

    static func documentsMissing(_ missing: [DocumentType]) -> DomainRejection {
        make("dossier.documents_missing",
             vi: "Hồ sơ còn thiếu giấy tờ: \(missing.map(\.nameVi).joined(separator: "; ")).",
             en: "Missing documents: \(missing.map(\.rawValue).joined(separator: ", ")).",
             details: ["missing_document_types": .array(missing.map { .string($0.rawValue) })])
    }

    static func tooManyDocuments(_ maximum: Int) -> DomainRejection {
        make("dossier.too_many_documents",
             vi: "Mỗi hồ sơ đính kèm tối đa \(maximum) tệp.", en: "A dossier may carry at most \(maximum) files.",
             details: ["max_documents": .integer(Int64(maximum))])
    }

    static func documentTypeNotAccepted(_ type: String, _ procedure: Procedure) -> DomainRejection {
        make("dossier.document_type_not_accepted",
             vi: "Loại giấy tờ '\(type)' không thuộc thành phần hồ sơ của thủ tục '\(procedure.nameVi)'.",
             en: "Document type '\(type)' is not part of a '\(procedure.nameEn)' dossier.",
             details: ["accepted_document_types": .array(procedure.acceptedDocuments.map(\.rawValue).sorted().map(JSONValue.string))])
    }

    static func documentFormatNotAccepted(_ mime: String, accepted: Set<String>) -> DomainRejection {
        make("dossier.document_format_not_accepted",
             vi: "Định dạng tệp '\(mime)' không được chấp nhận. Vui lòng dùng PDF, JPG hoặc PNG.",
             en: "File format '\(mime)' is not accepted.",
             details: ["accepted_formats": .array(accepted.sorted().map(JSONValue.string))])
    }

    static func documentTooLarge(_ name: String, maxBytes: Int64) -> DomainRejection {
        make("dossier.document_too_large",
             vi: "Tệp '\(name)' vượt quá dung lượng tối đa \(maxBytes / 1_048_576) MB.",
             en: "File '\(name)' exceeds the \(maxBytes / 1_048_576) MB limit.",
             details: ["max_bytes": .integer(maxBytes)])
    }

    static func documentHashInvalid(_ name: String) -> DomainRejection {
        make("dossier.document_hash_invalid",
             vi: "Mã băm của tệp '\(name)' không hợp lệ (cần SHA-256, 64 ký tự hex).",
             en: "The hash of file '\(name)' is not a SHA-256 hex digest.")
    }

    static func documentDuplicate(_ name: String) -> DomainRejection {
        make("dossier.document_duplicate",
             vi: "Tệp '\(name)' bị đính kèm trùng lặp.", en: "File '\(name)' is attached twice.")
    }

    static let sequenceExhausted = make(
        "dossier.sequence_exhausted",
        vi: "Cơ quan đã hết số tiếp nhận hồ sơ trong ngày. Vui lòng nộp lại vào ngày làm việc tiếp theo.",
        en: "The agency has issued every dossier number for today; please submit on the next working day.")

    // MARK: Dossier look-up, withdrawal

    static let codeInvalid = make(
        "dossier.code_invalid",
        vi: "Mã hồ sơ không đúng định dạng <mã cơ quan>-<YYMMDD>-<NNNN>, ví dụ 38.98.H29-210519-0013.",
        en: "A dossier code reads <agency code>-<YYMMDD>-<NNNN>, e.g. 38.98.H29-210519-0013.")

    /// The same answer whether the code is unknown or the ID number is not the applicant's, so that
    /// nobody learns which dossiers exist.
    static let notFound = make(
        "dossier.not_found",
        vi: "Không tìm thấy hồ sơ với mã hồ sơ và số định danh cá nhân đã nhập.",
        en: "No dossier matches this code and ID number.")

    static func withdrawNotAllowed(_ status: DossierStatus) -> DomainRejection {
        make("dossier.withdraw_not_allowed",
             vi: "Hồ sơ đang ở trạng thái '\(status.nameVi)' nên không thể rút.",
             en: "A dossier in status '\(status.nameEn)' cannot be withdrawn.",
             details: ["status": .integer(Int64(status.rawValue))])
    }

    // MARK: Fees

    static func notPayable(_ status: DossierStatus) -> DomainRejection {
        make("fee.not_payable",
             vi: "Hồ sơ đang ở trạng thái '\(status.nameVi)', chưa có yêu cầu thanh toán phí, lệ phí.",
             en: "The dossier is '\(status.nameEn)': no fee payment is requested.",
             details: ["status": .integer(Int64(status.rawValue))])
    }

    static func amountMismatch(due: Int64) -> DomainRejection {
        make("fee.amount_mismatch",
             vi: "Số tiền thanh toán phải đúng bằng phí, lệ phí của hồ sơ: \(VND.vietnamese(due)).",
             en: "The amount must equal the dossier's fee: \(VND.english(due)).",
             details: ["amount_due": .integer(due)])
    }

    static func intermediaryUnknown(_ name: String) -> DomainRejection {
        make("fee.intermediary_unknown",
             vi: "Trung gian thanh toán '\(name)' không kết nối với Nền tảng thanh toán quốc gia.",
             en: "'\(name)' is not a payment intermediary of the national payment platform.",
             details: ["intermediaries": .array(PaymentIntermediary.allCases.map { .string($0.rawValue) })])
    }

    // MARK: Security and order

    static func wardCodeInvalid(_ code: String) -> DomainRejection {
        make("security.ward_code_invalid",
             vi: "Mã phường, xã '\(code)' không hợp lệ (5 chữ số).", en: "Ward code '\(code)' is not 5 digits.")
    }

    static func categoryUnknown(_ category: String) -> DomainRejection {
        make("security.category_unknown",
             vi: "Loại tin báo '\(category)' không được hỗ trợ.", en: "Report category '\(category)' is not offered.",
             details: ["categories": .array(SecurityReportCategory.allCases.map { .string($0.rawValue) })])
    }

    static func descriptionTooShort(_ minimum: Int) -> DomainRejection {
        make("security.description_too_short",
             vi: "Vui lòng mô tả sự việc ít nhất \(minimum) ký tự.", en: "Describe the matter in at least \(minimum) characters.")
    }

    static func descriptionTooLong(_ maximum: Int) -> DomainRejection {
        make("security.description_too_long",
             vi: "Nội dung tin báo tối đa \(maximum) ký tự.", en: "A report is at most \(maximum) characters.")
    }

    static func locationTooLong(_ maximum: Int) -> DomainRejection {
        make("security.location_too_long",
             vi: "Địa điểm tối đa \(maximum) ký tự.", en: "The location is at most \(maximum) characters.")
    }

    static let phoneInvalid = make(
        "security.phone_invalid",
        vi: "Số điện thoại liên hệ không hợp lệ (10 chữ số, đầu số của nhà mạng Việt Nam).",
        en: "The contact number is not a Vietnamese mobile number.")

    static let callbackRequiresPhone = make(
        "security.callback_requires_phone",
        vi: "Muốn được công an liên hệ lại, vui lòng để lại số điện thoại.",
        en: "A call-back needs a contact phone number.")

    static func topicUnknown(_ topic: String) -> DomainRejection {
        make("security.topic_unknown",
             vi: "Chủ đề thông báo '\(topic)' không tồn tại.", en: "Notice topic '\(topic)' does not exist.",
             details: ["topics": .array(NoticeTopic.allCases.map { .string($0.rawValue) })])
    }

    static let limitOutOfRange = make(
        "security.limit_out_of_range",
        vi: "Số thông báo mỗi lần xem phải từ 1 đến 50.", en: "The limit must be between 1 and 50.")

    /// Every code above, for documentation and tests.
    public static let codes: [String] = [
        "administrative.payload_invalid",
        "administrative.dossier.agency_unknown", "administrative.dossier.procedure_unknown",
        "administrative.dossier.procedure_not_at_agency", "administrative.dossier.applicant_id_invalid",
        "administrative.dossier.applicant_not_found", "administrative.dossier.applicant_underage",
        "administrative.dossier.copies_out_of_range", "administrative.dossier.channel_not_offered",
        "administrative.dossier.postal_address_required", "administrative.dossier.documents_missing",
        "administrative.dossier.too_many_documents", "administrative.dossier.document_type_not_accepted",
        "administrative.dossier.document_format_not_accepted", "administrative.dossier.document_too_large",
        "administrative.dossier.document_hash_invalid", "administrative.dossier.document_duplicate",
        "administrative.dossier.sequence_exhausted", "administrative.dossier.code_invalid", "administrative.dossier.not_found",
        "administrative.dossier.withdraw_not_allowed",
        "administrative.fee.not_payable", "administrative.fee.amount_mismatch", "administrative.fee.intermediary_unknown",
        "administrative.security.ward_code_invalid", "administrative.security.category_unknown",
        "administrative.security.description_too_short", "administrative.security.description_too_long",
        "administrative.security.location_too_long", "administrative.security.phone_invalid",
        "administrative.security.callback_requires_phone", "administrative.security.topic_unknown",
        "administrative.security.limit_out_of_range",
    ]
}
