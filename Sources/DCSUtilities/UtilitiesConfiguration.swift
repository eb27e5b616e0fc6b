/// Everything a utilities worker can be configured with. All members have working defaults.
public struct UtilitiesConfiguration: Sendable {
    /// EVN prefixes an HCMC station serves: EVN HCMC and EVN Southern (former Binh Duong, Ba Ria-Vung Tau).
    public static let defaultServedElectricityPrefixes: Set<String> = ["PE", "PB"]

    /// Seed of the synthetic system of record: the same seed gives the same customers and bills in
    /// every process (workers, station simulator, tests).
    public var seed: UInt64
    /// Number of synthetic customers of EACH kind (1...1,000,000).
    public var customerCount: Int
    public var electricityTariffs: ElectricityTariffSchedule
    public var servedElectricityPrefixes: Set<String>
    public var waterTariff: WaterTariff
    /// VAT on telecom services [assumed 10%: telecom was excluded from the 2% VAT reduction].
    public var telecomVATPercent: Int64
    /// Key of the HMAC-SHA256 that pseudonymises phone numbers in the database. The default is
    /// derived from the seed so demos work out of the box; production must supply a secret.
    public var subscriberKey: [UInt8]
    /// Pins "the current period" instead of deriving it from each request's `now`. Bills are the
    /// 1-3 periods before it. Nil: the period containing `now` in Ho Chi Minh City.
    public var billingAnchor: BillingPeriod?

    public init(
        seed: UInt64 = 2025,
        customerCount: Int = 10_000,
        electricityTariffs: ElectricityTariffSchedule = .evnResidential,
        servedElectricityPrefixes: Set<String> = UtilitiesConfiguration.defaultServedElectricityPrefixes,
        waterTariff: WaterTariff = .hcmcHousehold,
        telecomVATPercent: Int64 = 10,
        subscriberKey: [UInt8]? = nil,
        billingAnchor: BillingPeriod? = nil
    ) {
        precondition((1...1_000_000).contains(customerCount), "customerCount must be 1...1,000,000")
        self.seed = seed
        self.customerCount = customerCount
        self.electricityTariffs = electricityTariffs
        self.servedElectricityPrefixes = servedElectricityPrefixes
        self.waterTariff = waterTariff
        self.telecomVATPercent = telecomVATPercent
        self.subscriberKey = subscriberKey ?? Array("dcs.utilities.demo-subscriber-key.\(seed)".utf8)
        self.billingAnchor = billingAnchor
    }
}
