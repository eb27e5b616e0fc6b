import DCSDomain
import DCSSchema
import Foundation

/// `banking.vietqr.generate` and `banking.vietqr.parse`: read-only, nothing is stored.
///
/// Generate payload: `bank_bin`, `account_number` (6-19 digits; spaces tolerated), optional
/// `amount` (whole VND; makes the code dynamic) and `purpose` (1-25 ASCII characters).
/// Parse payload: `qr_payload`, the scanned text.
///
/// Results show the account only by its last 4 digits; the generated QR text necessarily holds
/// the number the citizen entered (it is the product).
extension BankingService {
    func generateVietQR(_ request: DomainRequest) throws(DomainRejection) -> [String: JSONValue] {
        let payload = request.payload
        let binText = try payload.string("bank_bin")
        let accountText = try payload.string("account_number")
        let amount = try payload.optionalInteger("amount")
        let purposeText = try payload.optionalString("purpose")

        let bank = try whitelistedBank(binText, for: .vietQRGenerate)
        let account = accountText.filter { $0 != " " }
        let purpose = purposeText.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        let code: VietQRCode
        do {
            code = try VietQRCode(bankBIN: bank.bin, accountNumber: account, amount: amount, purpose: purpose)
        } catch {
            throw BankingRejection.vietQR(error, service: .vietQRGenerate)
        }
        var result = vietQRResult(code, bank: bank, service: .vietQRGenerate)
        result["qr_payload"] = .string(code.payload)
        return result
    }

    func parseVietQR(_ request: DomainRequest) throws(DomainRejection) -> [String: JSONValue] {
        let text = try request.payload.string("qr_payload")
        let code: VietQRCode
        do { code = try VietQRCode(parsing: text) } catch { throw BankingRejection.vietQR(error, service: .vietQRParse) }
        guard let bank = configuration.bank(bin: code.bankBIN) else {
            throw BankingRejection.bankNotSupported(.vietQRParse, bin: code.bankBIN)
        }
        return vietQRResult(code, bank: bank, service: .vietQRParse)
    }

    private func vietQRResult(_ code: VietQRCode, bank: Bank, service: BankingServiceID) -> [String: JSONValue] {
        var result: [String: JSONValue] = [
            "service_id": .string(service.rawValue),
            "bank_bin": .string(bank.bin),
            "bank_name": .string(bank.name),
            "account_last4": .string(String(code.accountNumber.suffix(4))),
            "initiation": .string(code.initiation.name),
            "currency": .string(VietQRCode.currencyVND),
            "country": .string(VietQRCode.countryVietnam),
            "service_code": .string(VietQRCode.accountTransferService),
            "crc": .string(code.crc),
        ]
        if let amount = code.amount { result["amount"] = .integer(amount) }
        if let purpose = code.purpose { result["purpose"] = .string(purpose) }
        return result
    }
}
