import DCSDomain
import DCSSchema
import Foundation
import GRDB
import Testing
@testable import DCSBanking

/// Vectors: the CRC values were computed independently with Python's `binascii.crc_hqx(data,
/// 0xFFFF)` (CRC-16/CCITT-FALSE); account numbers are made up.
@Suite("VietQR: EMVCo TLV and CRC-16/CCITT-FALSE")
struct VietQRTests {
    static let staticVector = "00020101021138570010A00000072701270006970436011312345678901230208QRIBFTTA53037045802VN6304869F"
    static let dynamicVector = "00020101021238540010A00000072701240006970422011000012345670208QRIBFTTA530370454062500005802VN62200816Hoc phi thang 1063040FC5"

    @Test func crcCheckValue() {
        #expect(CRC16.ccittFalse("123456789") == 0x29B1)
        #expect(CRC16.hex(0x29B1) == "29B1")
        #expect(CRC16.hex(0x0FC5) == "0FC5")
        #expect(CRC16.ccittFalse("") == 0xFFFF)
        #expect(CRC16.ccittFalse("A") == 0xB915)
    }

    @Test func encodesKnownVectors() throws {
        let fixed = try VietQRCode(bankBIN: "970436", accountNumber: "1234567890123")
        #expect(fixed.payload == Self.staticVector)
        #expect(fixed.initiation == .staticCode && fixed.crc == "869F")
        let dynamic = try VietQRCode(bankBIN: "970422", accountNumber: "0001234567", amount: 250_000, purpose: "Hoc phi thang 10")
        #expect(dynamic.payload == Self.dynamicVector)
        #expect(dynamic.initiation == .dynamicCode)
    }

    @Test func parsesKnownVectors() throws {
        let parsed = try VietQRCode(parsing: Self.dynamicVector)
        #expect(parsed.bankBIN == "970422" && parsed.accountNumber == "0001234567")
        #expect(parsed.amount == 250_000 && parsed.purpose == "Hoc phi thang 10" && parsed.initiation == .dynamicCode)
        // Lower-case CRC digits, a scanner's newline and extra well-formed tags are accepted.
        let lower = String(Self.staticVector.dropLast(4)) + "869f\n"
        #expect(try VietQRCode(parsing: lower) == VietQRCode(bankBIN: "970436", accountNumber: "1234567890123"))
        let withMerchant = BankingSampleTraffic.withCRC(String(Self.staticVector.dropLast(8)) + "5906HOA LY6004HCMC")
        #expect(try VietQRCode(parsing: withMerchant).accountNumber == "1234567890123")
    }

    @Test func roundTripsEverySampleBank() throws {
        for (index, bank) in Bank.napasDefaults.enumerated() {
            let account = traffic.syntheticAccount(bank: bank, index: index)
            let code = try VietQRCode(bankBIN: bank.bin, accountNumber: account, amount: index == 0 ? nil : Int64(index) * 1_000,
                                      purpose: index % 2 == 0 ? nil : "Don hang \(index)")
            #expect(try VietQRCode(parsing: code.payload) == code)
        }
    }

    func parseError(_ text: String) -> VietQRError? {
        do { _ = try VietQRCode(parsing: text); return nil } catch { return error }
    }

    @Test func structuralFailures() {
        let body = String(Self.staticVector.dropLast(8))
        #expect(parseError("") == .malformed("must be 1-512 characters"))
        #expect(parseError(String(repeating: "0", count: 513)) == .malformed("must be 1-512 characters"))
        if case .malformed? = parseError(BankingSampleTraffic.withCRC(body + "5903Hòa")) {} else { Issue.record("non-ASCII must be malformed") }
        if case .malformed? = parseError(BankingSampleTraffic.withCRC(body + "5800")) {} else { Issue.record("length 00 must be malformed") }
        if case .malformed? = parseError(BankingSampleTraffic.withCRC(body + "5802VN")) {} else { Issue.record("a repeated tag must be malformed") }
        if case .malformed? = parseError(BankingSampleTraffic.withCRC(body + "5A02VN")) {} else { Issue.record("a non-digit tag must be malformed") }
        #expect(parseError(body) == .crcMissing)
        #expect(parseError(body + "6305ABCDE") == .crcMissing)
        #expect(parseError(body + "63041234") == .crcMismatch(expected: "869F", found: "1234"))
        // One changed digit of the account, CRC unchanged: the damage is detected.
        let altered = Self.staticVector.replacingOccurrences(of: "1234567890123", with: "1234567890124")
        if case .crcMismatch? = parseError(altered) {} else { Issue.record("an altered account must fail the CRC") }
    }

    @Test func fieldFailures() throws {
        var parts = BankingSampleTraffic.QRParts(bin: "970436", account: "1234567890123", amount: "10000")
        #expect(parseError(parts.text) == nil)
        func broken(_ change: (inout BankingSampleTraffic.QRParts) -> Void) -> VietQRError? {
            var copy = parts
            change(&copy)
            return parseError(copy.text)
        }
        #expect(broken { $0.format = "02" } == .invalidFormatIndicator)
        #expect(broken { $0.initiation = "10" } == .invalidInitiationMethod)
        #expect(broken { $0.omitBeneficiary = true } == .beneficiaryMissing)
        #expect(broken { $0.guid = "A000000775" } == .guidMismatch)
        #expect(broken { $0.service = "QRIBFTTC" } == .serviceNotSupported)
        #expect(broken { $0.bin = "97043" } == .invalidBankBIN)
        #expect(broken { $0.account = "12345" } == .invalidAccountNumber)
        #expect(broken { $0.account = String(repeating: "1", count: 20) } == .invalidAccountNumber)
        #expect(broken { $0.account = "123456" } == nil)
        #expect(broken { $0.account = String(repeating: "9", count: 19) } == nil)
        #expect(broken { $0.currency = "840" } == .currencyNotVND)
        #expect(broken { $0.amount = "10000.00" } == .invalidAmount)
        #expect(broken { $0.amount = "0" } == .invalidAmount)
        #expect(broken { $0.country = "TH" } == .countryNotVN)
        parts.amount = nil
        #expect(try VietQRCode(parsing: parts.text).amount == nil)
    }

    @Test func generateService() throws {
        let queue = try makeDatabase()
        let result = try #require(try run(.vietQRGenerate, ["bank_bin": "970422", "account_number": "000 123 4567",
                                                             "amount": 250_000, "purpose": " Hoc phi thang 10 "], in: queue).data)
        #expect(result["qr_payload"] == .string(Self.dynamicVector))
        #expect(result["crc"] == "0FC5" && result["initiation"] == "dynamic" && result["amount"] == 250_000)
        #expect(result["bank_name"] == "MB" && result["account_last4"] == "4567")
        let fixed = try #require(try run(.vietQRGenerate, ["bank_bin": "970436", "account_number": "1234567890123"], in: queue).data)
        #expect(fixed["qr_payload"] == .string(Self.staticVector) && fixed["initiation"] == "static" && fixed["amount"] == nil)
        #expect(try run(.vietQRGenerate, ["bank_bin": "970499", "account_number": "1234567890123"], in: queue).code == "banking.vietqr.bank_not_supported")
        #expect(try run(.vietQRGenerate, ["bank_bin": "970436", "account_number": "12-34"], in: queue).code == "banking.vietqr.invalid_account_number")
        #expect(try run(.vietQRGenerate, ["bank_bin": "970436", "account_number": "1234567890123", "amount": 0], in: queue).code == "banking.vietqr.invalid_amount")
        #expect(try run(.vietQRGenerate, ["bank_bin": "970436", "account_number": "1234567890123", "purpose": "Học phí"], in: queue).code == "banking.vietqr.invalid_purpose")
    }

    @Test func parseServiceShowsOnlyTheLastDigits() throws {
        let queue = try makeDatabase()
        let result = try #require(try run(.vietQRParse, ["qr_payload": .string(Self.dynamicVector)], in: queue).data)
        #expect(result["service_id"] == "banking.vietqr.parse")
        #expect(result["bank_bin"] == "970422" && result["account_last4"] == "4567" && result["amount"] == 250_000)
        #expect(result["purpose"] == "Hoc phi thang 10" && result["crc"] == "0FC5" && result["currency"] == "704")
        #expect(!JSONValue.object(result).jsonString.contains("0001234567"))
        let unlisted = BankingSampleTraffic.QRParts(bin: "970499", account: "1234567890", amount: nil).text
        #expect(try run(.vietQRParse, ["qr_payload": .string(unlisted)], in: queue).code == "banking.vietqr.bank_not_supported")
        #expect(try run(.vietQRParse, ["qr_payload": .string(String(Self.staticVector.dropLast()) + "E")], in: queue).rejection?.details?["expected_crc"] == "869F")
        // Nothing is written by the read-only services.
        let rows = try queue.read { db in
            try ["banking_account", "banking_card_application", "banking_transfer"].map { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)")! }
        }
        #expect(rows == [0, 0, 0])
    }
}
