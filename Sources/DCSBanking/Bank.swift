/// A bank a station may open accounts and build VietQR codes for: one entry of the NAPAS BIN
/// whitelist.
public struct Bank: Sendable, Hashable {
    /// The 6-digit NAPAS bank identification number, e.g. `970436` [firm].
    public let bin: String
    /// Short name shown on screens, e.g. `Vietcombank`.
    public let name: String
    /// Length of the account numbers this bank issues to eKYC customers [assumed: banks use several
    /// formats; this is the one synthetic accounts are given].
    public let accountNumberLength: Int

    /// - Precondition: `bin` is 6 digits and `accountNumberLength` is 6-19.
    public init(bin: String, name: String, accountNumberLength: Int) {
        precondition(bin.utf8.count == 6 && bin.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }, "a BIN is 6 digits")
        precondition((Bank.accountNumberLengths).contains(accountNumberLength), "account numbers are 6-19 digits")
        self.bin = bin
        self.name = name
        self.accountNumberLength = accountNumberLength
    }

    /// Lengths a VietQR account number may have [firm for VietQR: 6-19 digits].
    public static let accountNumberLengths = 6...19

    /// The ten banks of the domain facts, with their NAPAS BINs [firm] and account number lengths
    /// [assumed].
    public static let napasDefaults: [Bank] = [
        Bank(bin: "970436", name: "Vietcombank", accountNumberLength: 13),
        Bank(bin: "970415", name: "VietinBank", accountNumberLength: 12),
        Bank(bin: "970418", name: "BIDV", accountNumberLength: 14),
        Bank(bin: "970405", name: "Agribank", accountNumberLength: 13),
        Bank(bin: "970407", name: "Techcombank", accountNumberLength: 14),
        Bank(bin: "970416", name: "ACB", accountNumberLength: 9),
        Bank(bin: "970422", name: "MB", accountNumberLength: 13),
        Bank(bin: "970432", name: "VPBank", accountNumberLength: 9),
        Bank(bin: "970423", name: "TPBank", accountNumberLength: 11),
        Bank(bin: "970403", name: "Sacombank", accountNumberLength: 12),
    ]
}
