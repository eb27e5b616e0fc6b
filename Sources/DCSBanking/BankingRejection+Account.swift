import DCSDomain
import DCSSchema

/// Rejections of `banking.account.open` (Circular 17/2024 eKYC rules).
extension BankingRejection {
    static let jointAccountNotAllowed = make(
        .accountOpen, "joint_account_not_allowed",
        vi: "Không thể mở tài khoản đồng sở hữu trực tuyến. Vui lòng đến chi nhánh ngân hàng.",
        en: "Joint accounts cannot be opened remotely; please visit a branch.")

    static let holderNotApplicant = make(
        .accountOpen, "holder_not_applicant",
        vi: "Chủ tài khoản phải chính là người đang thực hiện yêu cầu.",
        en: "The account holder must be the applicant.")

    static let under15NotAllowed = make(
        .accountOpen, "under_15_not_allowed",
        vi: "Người dưới 15 tuổi không được mở tài khoản thanh toán trực tuyến.",
        en: "People under 15 may not open an account remotely.")

    static func minorNotAllowed(minimumAge: Int) -> DomainRejection {
        make(.accountOpen, "minor_not_allowed",
             vi: "Trạm chỉ mở tài khoản trực tuyến cho người từ đủ \(minimumAge) tuổi. Người chưa thành niên vui lòng đến chi nhánh cùng người đại diện theo pháp luật.",
             en: "This station opens accounts remotely only for people aged \(minimumAge) or more; minors must visit a branch with a legal representative.",
             details: ["minimum_age": .integer(Int64(minimumAge))])
    }

    static let identityEvidenceMissing = make(
        .accountOpen, "identity_evidence_missing",
        vi: "Cần đọc chip thẻ căn cước và xác thực khuôn mặt, hoặc xác thực bằng tài khoản định danh điện tử VNeID mức 2.",
        en: "Identity evidence is needed: the ID card chip with a face match, or a level 2 VNeID account.")

    static let chipNotVerified = make(
        .accountOpen, "chip_not_verified",
        vi: "Dữ liệu chip thẻ căn cước chưa được xác thực. Vui lòng đặt lại thẻ lên đầu đọc.",
        en: "The ID card chip data could not be verified; place the card on the reader again.")

    static let chipDataMismatch = make(
        .accountOpen, "chip_data_mismatch",
        vi: "Dữ liệu trong chip thẻ căn cước không khớp với thông tin khai báo.",
        en: "The ID card chip data does not match the declared identity.")

    static func faceMatchFailed(threshold: Int64) -> DomainRejection {
        make(.accountOpen, "face_match_failed",
             vi: "Khuôn mặt không khớp với ảnh trong chip thẻ căn cước. Vui lòng thử lại ở nơi đủ ánh sáng.",
             en: "The face does not match the ID card chip photo.",
             details: ["threshold": .integer(threshold)])
    }

    static let vneidLevelInsufficient = make(
        .accountOpen, "vneid_level_insufficient",
        vi: "Cần tài khoản định danh điện tử VNeID mức 2 để mở tài khoản trực tuyến.",
        en: "A level 2 VNeID account is needed to open an account remotely.")

    static func alreadyHasAccount(bank: Bank) -> DomainRejection {
        make(.accountOpen, "already_has_account",
             vi: "Quý khách đã mở tài khoản tại \(bank.name) qua kênh trực tuyến. Mỗi người chỉ được mở một tài khoản qua kênh này.",
             en: "You already opened an account at \(bank.name) through this channel; only one is allowed.",
             details: ["bank_bin": .string(bank.bin)])
    }
}
