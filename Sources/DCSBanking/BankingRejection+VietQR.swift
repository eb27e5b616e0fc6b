import DCSDomain
import DCSSchema

/// Rejections of `banking.vietqr.generate` and `banking.vietqr.parse`.
extension BankingRejection {
    /// The rejection for a VietQR check that failed.
    static func vietQR(_ error: VietQRError, service: BankingServiceID) -> DomainRejection {
        switch error {
        case .malformed(let why):
            make(service, "malformed_tlv",
                 vi: "Mã QR không đúng cấu trúc VietQR.",
                 en: "The QR code is not a well-formed EMVCo TLV text (\(why)).")
        case .crcMissing:
            make(service, "crc_missing",
                 vi: "Mã QR thiếu mã kiểm tra (CRC).",
                 en: "The QR code does not end with its CRC (tag 63).")
        case .crcMismatch(let expected, let found):
            make(service, "crc_mismatch",
                 vi: "Mã QR bị hỏng hoặc đã bị sửa đổi (sai mã kiểm tra). Vui lòng quét lại mã gốc.",
                 en: "The QR code's CRC does not match its content: it is damaged or was altered.",
                 details: ["expected_crc": .string(expected), "found_crc": .string(found)])
        case .invalidFormatIndicator:
            make(service, "invalid_format_indicator",
                 vi: "Mã QR không phải định dạng EMVCo được hỗ trợ.",
                 en: "The payload format indicator (tag 00) must come first and be 01.")
        case .invalidInitiationMethod:
            make(service, "invalid_initiation_method",
                 vi: "Mã QR không rõ là mã tĩnh hay mã động.",
                 en: "The point of initiation (tag 01) must be 11 (static) or 12 (dynamic).")
        case .beneficiaryMissing:
            make(service, "beneficiary_missing",
                 vi: "Mã QR thiếu thông tin ngân hàng hoặc tài khoản người nhận.",
                 en: "Tag 38 with the beneficiary's BIN and account is missing.")
        case .guidMismatch:
            make(service, "guid_mismatch",
                 vi: "Mã QR không phải mã VietQR của NAPAS.",
                 en: "Tag 38's GUID is not NAPAS's A000000727.")
        case .serviceNotSupported:
            make(service, "service_not_supported",
                 vi: "Trạm chỉ hỗ trợ mã VietQR chuyển khoản đến tài khoản.",
                 en: "Only VietQR transfers to an account (QRIBFTTA) are supported.")
        case .invalidBankBIN:
            make(service, "bank_not_supported",
                 vi: "Mã BIN ngân hàng không hợp lệ hoặc chưa được hỗ trợ.",
                 en: "The bank BIN is not a supported 6-digit BIN.")
        case .invalidAccountNumber:
            make(service, "invalid_account_number",
                 vi: "Số tài khoản phải gồm từ 6 đến 19 chữ số.",
                 en: "The account number must be 6-19 digits.")
        case .currencyNotVND:
            make(service, "currency_not_vnd",
                 vi: "Mã QR không dùng đồng Việt Nam (704).",
                 en: "The currency (tag 53) must be 704 (VND).")
        case .invalidAmount:
            make(service, "invalid_amount",
                 vi: "Số tiền phải là số nguyên đồng lớn hơn 0 (tối đa 13 chữ số).",
                 en: "The amount must be a positive whole number of dong (at most 13 digits).")
        case .countryNotVN:
            make(service, "country_not_vn",
                 vi: "Mã QR không phải mã của Việt Nam.",
                 en: "The country code (tag 58) must be VN.")
        case .invalidPurpose:
            make(service, "invalid_purpose",
                 vi: "Nội dung chuyển khoản tối đa 25 ký tự, viết tiếng Việt không dấu.",
                 en: "The purpose must be 1-25 printable ASCII characters (Vietnamese without diacritics).")
        }
    }
}
