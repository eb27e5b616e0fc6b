import DCSDomain
import DCSSchema

/// Rejections of `banking.transfer.authorize`.
extension BankingRejection {
    static let invalidTransferAmount = make(
        .transferAuthorize, "invalid_amount",
        vi: "Số tiền chuyển phải lớn hơn 0 đồng.",
        en: "The transfer amount must be more than 0 VND.")

    static func amountAboveLimit(_ limit: Int64) -> DomainRejection {
        make(.transferAuthorize, "amount_above_limit",
             vi: "Số tiền mỗi giao dịch tại trạm không vượt quá \(VND.vietnamese(limit)).",
             en: "A single transfer at a station may not exceed \(VND.english(limit)).",
             details: ["maximum_amount": .integer(limit)])
    }

    static func dailyLimitExceeded(limit: Int64, remaining: Int64) -> DomainRejection {
        make(.transferAuthorize, "daily_limit_exceeded",
             vi: "Tổng số tiền chuyển trong ngày tại trạm không vượt quá \(VND.vietnamese(limit)); còn lại \(VND.vietnamese(remaining)).",
             en: "The day's transfers at a station may not exceed \(VND.english(limit)); \(VND.english(remaining)) remain.",
             details: ["maximum_daily_total": .integer(limit), "remaining": .integer(remaining)])
    }
}
