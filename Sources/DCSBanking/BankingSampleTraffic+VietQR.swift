import DCSDomain
import DCSSchema
import Foundation

/// Samples of `banking.vietqr.generate` and `banking.vietqr.parse`. Account numbers are synthetic
/// digits from the seed; nobody's real account.
extension BankingSampleTraffic {
    static let generateRules = [
        "banking.vietqr.bank_not_supported", "banking.vietqr.invalid_account_number", "banking.vietqr.invalid_amount",
        "banking.vietqr.invalid_purpose", "banking.payload_invalid",
    ]

    static let parseRules = [
        "banking.vietqr.malformed_tlv", "banking.vietqr.crc_missing", "banking.vietqr.crc_mismatch",
        "banking.vietqr.invalid_format_indicator", "banking.vietqr.invalid_initiation_method",
        "banking.vietqr.beneficiary_missing", "banking.vietqr.guid_mismatch", "banking.vietqr.service_not_supported",
        "banking.vietqr.bank_not_supported", "banking.vietqr.invalid_account_number", "banking.vietqr.currency_not_vnd",
        "banking.vietqr.invalid_amount", "banking.vietqr.country_not_vn", "banking.payload_invalid",
    ]

    /// A synthetic account of `bank`, of that bank's length.
    func syntheticAccount(bank: Bank, index: Int) -> String {
        var rng = SplitMix64(configuration.seed, 0x0A_CC_71, UInt64(index))
        var digits = String(rng.int(in: 1...9))
        for _ in 1..<bank.accountNumberLength { digits += String(rng.next(below: 10)) }
        return digits
    }

    /// Amount (every other index) and purpose (every third index) of sample `index`.
    func sampleTerms(index: Int) -> (amount: Int64?, purpose: String?) {
        (index % 2 == 1 ? Int64(10_000 * (1 + index % 50)) : nil, index % 3 == 0 ? "Chuyen tien \(index)" : nil)
    }

    func validGenerate(index: Int) -> SampleRequest {
        let bank = configuration.banks[index % configuration.banks.count]
        let account = syntheticAccount(bank: bank, index: index)
        let (amount, purpose) = sampleTerms(index: index)
        var payload: [String: JSONValue] = ["bank_bin": .string(bank.bin), "account_number": .string(account)]
        if let amount { payload["amount"] = .integer(amount) }
        if let purpose { payload["purpose"] = .string(purpose) }
        return SampleRequest(serviceID: BankingServiceID.vietQRGenerate.rawValue, payload: payload, subject: account, expectation: .valid)
    }

    func invalidGenerate(index: Int) -> SampleRequest {
        let rules = Self.generateRules
        let code = rules[index % rules.count]
        let round = index / rules.count
        let bank = configuration.banks[index % configuration.banks.count]
        var account = syntheticAccount(bank: bank, index: 10_000 + index)
        var payload: [String: JSONValue] = ["bank_bin": .string(bank.bin), "account_number": .string(account), "amount": 100_000]
        switch code {
        case "banking.vietqr.bank_not_supported":
            payload["bank_bin"] = .string(unlistedBIN)
        case "banking.vietqr.invalid_account_number":
            account = ["12345", "12345678901234567890", "0123AB7890"][round % 3]
            payload["account_number"] = .string(account)
        case "banking.vietqr.invalid_amount":
            payload["amount"] = .integer([0, -10_000, VietQRCode.maximumAmount + 1][round % 3])
        case "banking.vietqr.invalid_purpose":
            payload["purpose"] = .string(round % 2 == 0 ? "Chuyển tiền học phí" : String(repeating: "Thanh toan ", count: 3))
        default: // payload_invalid
            if round % 2 == 0 { payload["account_number"] = nil; account = "" } else { payload["amount"] = "100000" }
        }
        return SampleRequest(serviceID: BankingServiceID.vietQRGenerate.rawValue, payload: payload, subject: account,
                             expectation: .rejected(code: code))
    }

    func validParse(index: Int) -> SampleRequest {
        let bank = configuration.banks[(index + 3) % configuration.banks.count]
        let (amount, purpose) = sampleTerms(index: index + 1)
        // Parts come from valid synthetic data, so building the code cannot fail.
        let code = try! VietQRCode(bankBIN: bank.bin, accountNumber: syntheticAccount(bank: bank, index: 20_000 + index),
                                   amount: amount, purpose: purpose)
        var text = code.payload
        if index % 4 == 3 { text += "\n" } // a scanner's trailing newline
        return SampleRequest(serviceID: BankingServiceID.vietQRParse.rawValue, payload: ["qr_payload": .string(text)],
                             subject: code.payload, expectation: .valid)
    }

    func invalidParse(index: Int) -> SampleRequest {
        let rules = Self.parseRules
        let code = rules[index % rules.count]
        let round = index / rules.count
        let bank = configuration.banks[index % configuration.banks.count]
        let account = syntheticAccount(bank: bank, index: 30_000 + index)
        var parts = QRParts(bin: bank.bin, account: account, amount: round % 2 == 0 ? "150000" : nil)
        var text: String
        switch code {
        case "banking.vietqr.malformed_tlv":
            // Tag 38 claims more characters than follow; the CRC is right, the structure is not.
            text = Self.withCRC("000201010211" + "3899" + "0010" + VietQRCode.napasGUID + "5303704" + "5802VN")
        case "banking.vietqr.crc_missing":
            text = String(parts.text.dropLast(8))
        case "banking.vietqr.crc_mismatch":
            let valid = parts.text
            let last = valid.last!
            text = String(valid.dropLast()) + (last == "0" ? "1" : "0")
        case "banking.vietqr.invalid_format_indicator":
            parts.format = "02"; text = parts.text
        case "banking.vietqr.invalid_initiation_method":
            parts.initiation = "13"; text = parts.text
        case "banking.vietqr.beneficiary_missing":
            parts.omitBeneficiary = true; text = parts.text
        case "banking.vietqr.guid_mismatch":
            parts.guid = "A000000999"; text = parts.text
        case "banking.vietqr.service_not_supported":
            parts.service = "QRIBFTTC"; text = parts.text
        case "banking.vietqr.bank_not_supported":
            parts.bin = unlistedBIN; text = parts.text
        case "banking.vietqr.invalid_account_number":
            parts.account = ["12345", "12345678901234567890", "0123AB7890"][round % 3]; text = parts.text
        case "banking.vietqr.currency_not_vnd":
            parts.currency = "840"; text = parts.text
        case "banking.vietqr.invalid_amount":
            parts.amount = ["10.50", "0", "1,000"][round % 3]; text = parts.text
        case "banking.vietqr.country_not_vn":
            parts.country = "US"; text = parts.text
        default: // payload_invalid: no qr_payload string
            return SampleRequest(serviceID: BankingServiceID.vietQRParse.rawValue,
                                 payload: round % 2 == 0 ? [:] : ["qr_payload": 12345], subject: "", expectation: .rejected(code: code))
        }
        return SampleRequest(serviceID: BankingServiceID.vietQRParse.rawValue, payload: ["qr_payload": .string(text)],
                             subject: text, expectation: .rejected(code: code))
    }

    /// `body + "6304" + CRC`.
    static func withCRC(_ body: String) -> String {
        body + "6304" + CRC16.hex(CRC16.ccittFalse(body + "6304"))
    }

    /// A VietQR code built field by field, so that a sample can break exactly one field and keep a
    /// correct CRC.
    struct QRParts {
        var format = "01"
        var initiation = "12"
        var guid = VietQRCode.napasGUID
        var bin: String
        var account: String
        var service = VietQRCode.accountTransferService
        var omitBeneficiary = false
        var currency = VietQRCode.currencyVND
        var amount: String?
        var country = VietQRCode.countryVietnam

        init(bin: String, account: String, amount: String?) {
            self.bin = bin
            self.account = account
            self.amount = amount
        }

        var text: String {
            var merchant = [EMVField("00", guid)]
            if !omitBeneficiary {
                merchant.append(EMVField("01", EMVField.encode([EMVField("00", bin), EMVField("01", account)])))
            }
            merchant.append(EMVField("02", service))
            var fields = [EMVField("00", format), EMVField("01", initiation), EMVField("38", EMVField.encode(merchant)),
                          EMVField("53", currency)]
            if let amount { fields.append(EMVField("54", amount)) }
            fields.append(EMVField("58", country))
            return BankingSampleTraffic.withCRC(EMVField.encode(fields))
        }
    }
}
