import DCSDomain

/// The rejections the utilities domain can produce, with their wording in one place.
extension UtilitiesRejection {
    public static func payloadInvalid(_ detail: String) -> UtilitiesRejection {
        UtilitiesRejection(
            code: .payloadInvalid,
            messageVi: "Yêu cầu không hợp lệ: \(detail). Vui lòng thử lại.",
            messageEn: "Invalid request payload: \(detail)."
        )
    }

    public static func serviceUnknown(_ serviceID: String) -> UtilitiesRejection {
        UtilitiesRejection(
            code: .serviceUnknown,
            messageVi: "Dịch vụ này chưa được hỗ trợ tại trạm.",
            messageEn: "Unknown utilities service '\(serviceID)'."
        )
    }

    static let electricityInvalidCustomerCode = UtilitiesRejection(
        code: .electricityInvalidCustomerCode,
        messageVi: "Mã khách hàng điện không hợp lệ. Mã gồm 13 ký tự in trên hóa đơn tiền điện, ví dụ PE04001234567.",
        messageEn: "Invalid electricity customer code: expected 13 characters such as PE04001234567."
    )

    static func electricityRegionNotServed(_ code: ElectricityCustomerCode) -> UtilitiesRejection {
        UtilitiesRejection(
            code: .electricityRegionNotServed,
            messageVi: "Mã khách hàng \(code) thuộc \(code.region.vietnameseName), trạm này chưa hỗ trợ tra cứu và thanh toán. "
                + "Quý khách vui lòng dùng kênh thanh toán của điện lực quản lý.",
            messageEn: "Customer code \(code) belongs to \(code.region.englishName), which this station does not serve."
        )
    }

    static func electricityCustomerNotFound(_ code: ElectricityCustomerCode) -> UtilitiesRejection {
        UtilitiesRejection(
            code: .electricityCustomerNotFound,
            messageVi: "Không tìm thấy khách hàng có mã \(code). Quý khách vui lòng kiểm tra lại mã trên hóa đơn tiền điện.",
            messageEn: "No electricity customer with code \(code)."
        )
    }

    static let waterInvalidCustomerNumber = UtilitiesRejection(
        code: .waterInvalidCustomerNumber,
        messageVi: "Số danh bộ không hợp lệ. Số danh bộ gồm đúng 11 chữ số, in trên hóa đơn tiền nước.",
        messageEn: "Invalid water customer number (danh bo): expected exactly 11 digits."
    )

    static func waterCustomerNotFound(_ number: WaterCustomerNumber) -> UtilitiesRejection {
        UtilitiesRejection(
            code: .waterCustomerNotFound,
            messageVi: "Không tìm thấy khách hàng có số danh bộ \(number). Quý khách vui lòng kiểm tra lại.",
            messageEn: "No water customer with number \(number)."
        )
    }

    static let telecomInvalidPhoneNumber = UtilitiesRejection(
        code: .telecomInvalidPhoneNumber,
        messageVi: "Số điện thoại không hợp lệ. Vui lòng nhập số di động 10 chữ số, ví dụ 0912 345 678.",
        messageEn: "Invalid mobile number: expected 10 digits such as 0912345678 (or +84 912345678)."
    )

    static func telecomUnknownPrefix(_ prefix: String) -> UtilitiesRejection {
        UtilitiesRejection(
            code: .telecomUnknownPrefix,
            messageVi: "Đầu số \(prefix) không thuộc nhà mạng di động nào được hỗ trợ.",
            messageEn: "Mobile prefix \(prefix) belongs to no supported carrier."
        )
    }

    static func telecomSubscriberNotFound(_ phone: PhoneNumber) -> UtilitiesRejection {
        UtilitiesRejection(
            code: .telecomSubscriberNotFound,
            messageVi: "Không tìm thấy thuê bao trả sau có số \(phone.masked). Quý khách vui lòng kiểm tra lại số điện thoại.",
            messageEn: "No postpaid subscriber with number \(phone.masked)."
        )
    }

    static let billNothingDue = UtilitiesRejection(
        code: .billNothingDue,
        messageVi: "Quý khách không có hóa đơn nào cần thanh toán.",
        messageEn: "Nothing is due: every bill of this customer is already paid."
    )

    static func billAmountMismatch(expected: Int64, due: Int64, period: BillingPeriod) -> UtilitiesRejection {
        UtilitiesRejection(
            code: .billAmountMismatch,
            messageVi: "Số tiền \(VND.vietnamese(expected)) không khớp với hóa đơn kỳ \(period.vietnameseDisplay) "
                + "(cần thanh toán \(VND.vietnamese(due))). Quý khách vui lòng tra cứu lại trước khi thanh toán.",
            messageEn: "Expected amount \(VND.english(expected)) does not match the bill due for \(period) "
                + "(\(VND.english(due))); look the bill up again before paying."
        )
    }

    static let paymentRequestReused = UtilitiesRejection(
        code: .paymentRequestReused,
        messageVi: "Mã giao dịch đã được dùng cho một khách hàng khác. Vui lòng thực hiện lại giao dịch.",
        messageEn: "This request id already paid a bill of another customer."
    )
}
