/// Everything a banking worker can be configured with. All members have working defaults; the
/// [assumed] facts of the domain are settings here.
public struct BankingConfiguration: Sendable {
    /// Seed of the synthetic world (population registry): the same seed gives the same people in
    /// every process (workers, station simulator, tests).
    public var seed: UInt64
    /// The NAPAS BIN whitelist: banks accounts can be opened at, cards applied for and VietQR codes
    /// built or read for. Default: the ten banks of the domain facts.
    public var banks: [Bank]
    /// Lowest face-match score (0-100) that proves the face matches the chip photo [assumed 85].
    public var faceMatchThreshold: Int64
    /// Minimum age for remote (eKYC) account opening. Circular 17/2024 forbids it under 15 outright
    /// [firm]; a 15-17-year-old would need a guardian's involvement that a kiosk cannot check, so
    /// this kiosk reads "adult" as 18 [assumed]. Values below 15 are raised to 15.
    public var minimumAccountAge: Int
    /// Minimum age for a credit card application (Circular 45/2025) [firm: 18].
    public var minimumCardAge: Int
    /// Card products on offer and their credit limit bounds [assumed].
    public var cardProducts: [CardProduct]
    /// Days an application waits for the in-person verification before it expires [assumed 30].
    public var cardVerificationDays: Int
    /// A single transfer above this needs face authentication [firm: 10,000,000 VND].
    public var faceSingleTransferThreshold: Int64
    /// Once the day's total passes this, transfers need face authentication [firm: 20,000,000 VND].
    public var faceDailyTotalThreshold: Int64
    /// Largest single transfer a kiosk authorises [assumed 500,000,000 VND].
    public var maximumTransferAmount: Int64
    /// Largest day's total a kiosk authorises per citizen [assumed 2,000,000,000 VND].
    public var maximumDailyTransferTotal: Int64
    /// Key of the HMAC-SHA256 that pseudonymises ID numbers in the database. The default is derived
    /// from the seed so demos work out of the box; production must supply a secret.
    public var citizenKey: [UInt8]
    /// Key of the HMAC-SHA256 that pseudonymises account numbers (same remark as ``citizenKey``).
    public var accountKey: [UInt8]

    public init(
        seed: UInt64 = 2025,
        banks: [Bank] = Bank.napasDefaults,
        faceMatchThreshold: Int64 = 85,
        minimumAccountAge: Int = 18,
        minimumCardAge: Int = 18,
        cardProducts: [CardProduct] = CardProduct.defaults,
        cardVerificationDays: Int = 30,
        faceSingleTransferThreshold: Int64 = 10_000_000,
        faceDailyTotalThreshold: Int64 = 20_000_000,
        maximumTransferAmount: Int64 = 500_000_000,
        maximumDailyTransferTotal: Int64 = 2_000_000_000,
        citizenKey: [UInt8]? = nil,
        accountKey: [UInt8]? = nil
    ) {
        precondition(!banks.isEmpty && !cardProducts.isEmpty, "at least one bank and one card product")
        precondition((0...100).contains(faceMatchThreshold), "face match scores are 0-100")
        precondition(cardVerificationDays > 0 && faceSingleTransferThreshold > 0 && faceDailyTotalThreshold > 0)
        precondition(maximumTransferAmount > 0 && maximumDailyTransferTotal >= maximumTransferAmount)
        self.seed = seed
        self.banks = banks
        self.faceMatchThreshold = faceMatchThreshold
        self.minimumAccountAge = max(15, minimumAccountAge)
        self.minimumCardAge = minimumCardAge
        self.cardProducts = cardProducts
        self.cardVerificationDays = cardVerificationDays
        self.faceSingleTransferThreshold = faceSingleTransferThreshold
        self.faceDailyTotalThreshold = faceDailyTotalThreshold
        self.maximumTransferAmount = maximumTransferAmount
        self.maximumDailyTransferTotal = maximumDailyTransferTotal
        self.citizenKey = citizenKey ?? Array("dcs.banking.demo-citizen-key.\(seed)".utf8)
        self.accountKey = accountKey ?? Array("dcs.banking.demo-account-key.\(seed)".utf8)
    }

    /// The whitelisted bank with this BIN, if any.
    public func bank(bin: String) -> Bank? { banks.first { $0.bin == bin } }

    /// The card product with this id, if any.
    public func cardProduct(id: String) -> CardProduct? { cardProducts.first { $0.id == id } }
}
