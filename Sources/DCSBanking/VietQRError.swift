/// Why a text is not an acceptable VietQR payment code; the service maps each case to a
/// `banking.vietqr.*` rejection code.
public enum VietQRError: Error, Sendable, Equatable {
    /// Not ASCII, too long, or the TLV structure is broken (tag/length fields, repeated tags).
    case malformed(String)
    /// The code does not end with the CRC object `6304XXXX`.
    case crcMissing
    /// The CRC does not match the content: the code is damaged or was altered.
    case crcMismatch(expected: String, found: String)
    /// Tag 00 (payload format indicator) is not first or not `01`.
    case invalidFormatIndicator
    /// Tag 01 (point of initiation) is not `11` (static) or `12` (dynamic).
    case invalidInitiationMethod
    /// Tag 38 or its beneficiary (01: 00 BIN, 01 account) is missing.
    case beneficiaryMissing
    /// Tag 38's GUID (00) is not NAPAS's `A000000727`.
    case guidMismatch
    /// Tag 38's service code (02) is not an account transfer `QRIBFTTA`.
    case serviceNotSupported
    /// The BIN is not 6 digits (whitelisting is the service's job).
    case invalidBankBIN
    /// The account number is not 6-19 digits.
    case invalidAccountNumber
    /// Tag 53 is not `704` (VND).
    case currencyNotVND
    /// Tag 54 is not a positive whole number of dong (VND has no minor unit).
    case invalidAmount
    /// Tag 58 is not `VN`.
    case countryNotVN
    /// The purpose (tag 62, sub-tag 08) is not 1-25 printable ASCII characters.
    case invalidPurpose
}
