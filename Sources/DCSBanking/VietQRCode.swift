import Foundation

/// A VietQR (NAPAS) payment code for a transfer to a bank account, as EMVCo merchant-presented QR
/// TLV text [firm]:
///
/// - 00 `01` payload format indicator (first);
/// - 01 `11` static (reusable, no amount) or `12` dynamic (one payment, usually with an amount);
/// - 38 NAPAS merchant account information: 00 GUID `A000000727`, 01 beneficiary (00 the 6-digit
///   BIN, 01 the account number), 02 service code `QRIBFTTA` (transfer to an account);
/// - 53 `704` (VND); 54 the amount in whole dong, when given; 58 `VN`;
/// - 62 additional data, sub-tag 08 the purpose of the transfer, when given;
/// - 63 CRC-16/CCITT-FALSE over everything up to and including `6304`, 4 uppercase hex digits (last).
public struct VietQRCode: Sendable, Hashable {
    /// How the code may be used (tag 01).
    public enum Initiation: String, Sendable, Hashable {
        /// `11`: the same code for any number of payments.
        case staticCode = "11"
        /// `12`: a code for one payment.
        case dynamicCode = "12"

        /// `static` or `dynamic`, for result data.
        public var name: String { self == .staticCode ? "static" : "dynamic" }
    }

    /// NAPAS's globally unique identifier (tag 38, sub-tag 00).
    public static let napasGUID = "A000000727"
    /// Service code of a transfer to an account (tag 38, sub-tag 02).
    public static let accountTransferService = "QRIBFTTA"
    /// ISO 4217 numeric code of the dong (tag 53).
    public static let currencyVND = "704"
    /// Country code (tag 58).
    public static let countryVietnam = "VN"
    /// EMVCo limits: a whole code is at most 512 characters, an amount 13, a purpose 25.
    public static let maximumLength = 512
    /// The largest amount 13 characters hold.
    public static let maximumAmount: Int64 = 9_999_999_999_999
    /// Longest purpose (tag 62 sub-tag).
    public static let maximumPurposeLength = 25

    /// Static (reusable) or dynamic (one payment).
    public let initiation: Initiation
    /// The beneficiary bank's 6-digit BIN.
    public let bankBIN: String
    /// The beneficiary account, 6-19 digits. Personal data: show only its last 4 digits.
    public let accountNumber: String
    /// Whole dong, when the code fixes the amount.
    public let amount: Int64?
    /// Transfer description (tag 62/08), printable ASCII.
    public let purpose: String?

    /// Checks the parts; the initiation is dynamic exactly when an amount is given.
    public init(bankBIN: String, accountNumber: String, amount: Int64? = nil, purpose: String? = nil) throws(VietQRError) {
        try self.init(initiation: amount == nil ? .staticCode : .dynamicCode, bankBIN: bankBIN,
                      accountNumber: accountNumber, amount: amount, purpose: purpose)
    }

    init(initiation: Initiation, bankBIN: String, accountNumber: String, amount: Int64?, purpose: String?) throws(VietQRError) {
        guard bankBIN.utf8.count == 6, Self.isDigits(bankBIN) else { throw .invalidBankBIN }
        guard Bank.accountNumberLengths.contains(accountNumber.utf8.count), Self.isDigits(accountNumber) else {
            throw .invalidAccountNumber
        }
        if let amount, !(1...Self.maximumAmount).contains(amount) { throw .invalidAmount }
        if let purpose {
            guard (1...Self.maximumPurposeLength).contains(purpose.utf8.count),
                  purpose.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) else { throw .invalidPurpose }
        }
        self.initiation = initiation
        self.bankBIN = bankBIN
        self.accountNumber = accountNumber
        self.amount = amount
        self.purpose = purpose
    }

    /// The QR text, CRC included.
    public var payload: String {
        let beneficiary = EMVField.encode([EMVField("00", bankBIN), EMVField("01", accountNumber)])
        let merchant = EMVField.encode([
            EMVField("00", Self.napasGUID), EMVField("01", beneficiary), EMVField("02", Self.accountTransferService),
        ])
        var fields = [EMVField("00", "01"), EMVField("01", initiation.rawValue), EMVField("38", merchant),
                      EMVField("53", Self.currencyVND)]
        if let amount { fields.append(EMVField("54", String(amount))) }
        fields.append(EMVField("58", Self.countryVietnam))
        if let purpose { fields.append(EMVField("62", EMVField("08", purpose).encoded)) }
        let body = EMVField.encode(fields) + "6304"
        return body + CRC16.hex(CRC16.ccittFalse(body))
    }

    /// The CRC digits of ``payload``.
    public var crc: String { String(payload.suffix(4)) }

    /// Reads and checks a QR text. Checks run in this order, each with its own error: characters and
    /// length, the CRC object's presence, the CRC, the TLV structure, then the fields one by one.
    /// Tags the code does not need (merchant name, city...) are allowed but must be well-formed.
    public init(parsing raw: String) throws(VietQRError) {
        // Scanners often append a newline.
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.utf8.count <= Self.maximumLength else { throw .malformed("must be 1-512 characters") }
        guard text.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) else { throw .malformed("must be printable ASCII") }
        let bytes = Array(text.utf8)
        guard bytes.count >= 8, String(decoding: bytes[(bytes.count - 8)..<(bytes.count - 4)], as: UTF8.self) == "6304" else {
            throw .crcMissing
        }
        let found = String(decoding: bytes.suffix(4), as: UTF8.self).uppercased()
        let expected = CRC16.hex(CRC16.ccittFalse(bytes.dropLast(4)))
        guard found == expected else { throw .crcMismatch(expected: expected, found: found) }

        let fields = try EMVField.parse(text)
        // The "6304" found above must be the last object, not digits inside another value.
        guard fields.last?.tag == "63", fields.last?.value.utf8.count == 4 else { throw .malformed("tag 63 is not the last object") }
        let byTag = Dictionary(uniqueKeysWithValues: fields.map { ($0.tag, $0.value) })
        guard fields.first?.tag == "00", fields.first?.value == "01" else { throw .invalidFormatIndicator }
        guard let initiation = byTag["01"].flatMap(Initiation.init(rawValue:)) else { throw .invalidInitiationMethod }

        guard let merchantText = byTag["38"] else { throw .beneficiaryMissing }
        let merchant = try Self.subfields(merchantText, of: "38")
        guard let beneficiaryText = merchant["01"] else { throw .beneficiaryMissing }
        let beneficiary = try Self.subfields(beneficiaryText, of: "38.01")
        guard let bin = beneficiary["00"], let account = beneficiary["01"] else { throw .beneficiaryMissing }
        guard merchant["00"]?.uppercased() == Self.napasGUID else { throw .guidMismatch }
        guard merchant["02"] == Self.accountTransferService else { throw .serviceNotSupported }

        guard byTag["53"] == Self.currencyVND else { throw .currencyNotVND }
        var amount: Int64?
        if let amountText = byTag["54"] {
            guard Self.isDigits(amountText), let value = Int64(amountText), value > 0 else { throw .invalidAmount }
            amount = value
        }
        guard byTag["58"] == Self.countryVietnam else { throw .countryNotVN }
        var purpose: String?
        if let additional = byTag["62"] {
            purpose = try Self.subfields(additional, of: "62")["08"]
        }
        try self.init(initiation: initiation, bankBIN: bin, accountNumber: account, amount: amount, purpose: purpose)
    }

    private static func subfields(_ text: String, of tag: String) throws(VietQRError) -> [String: String] {
        do throws(VietQRError) {
            return Dictionary(uniqueKeysWithValues: try EMVField.parse(text).map { ($0.tag, $0.value) })
        } catch {
            if case .malformed(let why) = error { throw .malformed("inside tag \(tag): \(why)") }
            throw error
        }
    }

    static func isDigits(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
