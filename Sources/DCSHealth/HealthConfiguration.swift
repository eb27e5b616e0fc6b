import DCSDomain

/// Everything a health worker can be configured with. Every member has a documented default, so
/// `HealthConfiguration()` is a working demo set-up; facts marked [assumed] in the domain notes
/// are settings here.
public struct HealthConfiguration: Sendable {
    /// Seed of the synthetic world (citizens, clinics, insurance registry): the same seed gives the
    /// same world in every worker, partition database, simulator and test.
    public var seed: UInt64

    // MARK: Telemedicine

    /// Number of synthetic clinics (1...900). Default 24 [assumed].
    public var clinicCount: Int
    /// How far ahead a slot may be booked, in days after today (Ho Chi Minh City). Default 14 [assumed].
    public var bookingWindowDays: Int
    /// A slot must start at least this many minutes after the request. Default 60 [assumed].
    public var minimumLeadMinutes: Int
    /// The clinic confirms a request this many minutes after it is made (or at the slot start,
    /// whichever is first); applied lazily on look-up. Default 10 [assumed].
    public var confirmationDelayMinutes: Int
    /// Share of sessions that end as `no_show`, in percent, drawn per booking code. Default 10 [assumed].
    public var noShowPercent: Int
    /// The conditions that may be examined remotely (Circular 30/2023/TT-BYT).
    public var eligibility: TelemedicineEligibility

    // MARK: Household health insurance

    /// Statutory base salary (lương cơ sở), VND per month. Default 2,340,000 (from 1 Jul 2024) [firm, changes by decree].
    public var baseSalary: Int64
    /// Monthly contribution of the first member, in basis points of the base salary: 450 = 4.5% [firm].
    public var contributionRateBasisPoints: Int64
    /// Share of the first member's contribution paid by the 1st, 2nd, ... member; the last entry
    /// applies to every later member. Default 100/70/60/50/40 [firm].
    public var memberSharesPercent: [Int64]
    /// Terms that may be bought, in months. Default 3, 6, 12 [firm].
    public var termsMonths: Set<Int>
    /// Most members one request may list. Default 20 [assumed].
    public var maxHouseholdMembers: Int
    /// A policy may start at most this many days after today. Default 30 [assumed].
    public var maxStartDelayDays: Int
    /// Share of citizens aged 6 or more whom the synthetic BHYT registry shows as insured through
    /// another group (employer, school, pension), in percent. Under-6s are always insured (group TE).
    /// Default 10 [assumed].
    public var insuredElsewherePercent: Int

    // MARK: Keys (personal data, Law 91/2025)

    /// HMAC-SHA256 key pseudonymising ID numbers (patients, household members). The default is
    /// derived from the seed so demos work out of the box; production must supply a secret.
    public var citizenKey: [UInt8]
    /// HMAC-SHA256 key pseudonymising ICD-10 codes of bookings (health conditions). Same note.
    public var conditionKey: [UInt8]

    public init(
        seed: UInt64 = 2025,
        clinicCount: Int = 24,
        bookingWindowDays: Int = 14,
        minimumLeadMinutes: Int = 60,
        confirmationDelayMinutes: Int = 10,
        noShowPercent: Int = 10,
        eligibility: TelemedicineEligibility = .circular30,
        baseSalary: Int64 = 2_340_000,
        contributionRateBasisPoints: Int64 = 450,
        memberSharesPercent: [Int64] = [100, 70, 60, 50, 40],
        termsMonths: Set<Int> = [3, 6, 12],
        maxHouseholdMembers: Int = 20,
        maxStartDelayDays: Int = 30,
        insuredElsewherePercent: Int = 10,
        citizenKey: [UInt8]? = nil,
        conditionKey: [UInt8]? = nil
    ) {
        precondition((1...900).contains(clinicCount), "clinicCount must be 1...900")
        precondition(bookingWindowDays >= 1 && minimumLeadMinutes >= 0 && confirmationDelayMinutes >= 0)
        precondition((0...100).contains(noShowPercent) && (0...100).contains(insuredElsewherePercent))
        // Bounds that keep base * rate * share * months far inside Int64.
        precondition((1...1_000_000_000).contains(baseSalary) && (1...10_000).contains(contributionRateBasisPoints))
        precondition(!memberSharesPercent.isEmpty && memberSharesPercent.allSatisfy { (1...100).contains($0) })
        precondition(!termsMonths.isEmpty && termsMonths.allSatisfy { (1...60).contains($0) })
        precondition(maxHouseholdMembers >= 1 && maxStartDelayDays >= 0)
        self.seed = seed
        self.clinicCount = clinicCount
        self.bookingWindowDays = bookingWindowDays
        self.minimumLeadMinutes = minimumLeadMinutes
        self.confirmationDelayMinutes = confirmationDelayMinutes
        self.noShowPercent = noShowPercent
        self.eligibility = eligibility
        self.baseSalary = baseSalary
        self.contributionRateBasisPoints = contributionRateBasisPoints
        self.memberSharesPercent = memberSharesPercent
        self.termsMonths = termsMonths
        self.maxHouseholdMembers = maxHouseholdMembers
        self.maxStartDelayDays = maxStartDelayDays
        self.insuredElsewherePercent = insuredElsewherePercent
        self.citizenKey = citizenKey ?? Array("dcs.health.demo-citizen-key.\(seed)".utf8)
        self.conditionKey = conditionKey ?? Array("dcs.health.demo-condition-key.\(seed)".utf8)
    }
}
