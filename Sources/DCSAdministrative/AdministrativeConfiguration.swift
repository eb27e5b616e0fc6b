import DCSDomain

/// Everything an administrative worker can be configured with. All members have working defaults.
public struct AdministrativeConfiguration: Sendable {
    /// Seed of the synthetic world (population, counter dossiers, back-office paths, notices): the
    /// same seed gives the same world in every partition database and in the simulator.
    public var seed: UInt64
    /// Key of the HMAC-SHA256 that pseudonymises applicants' ID numbers and reporters' phone numbers
    /// in the database. The default is derived from the seed so demos work out of the box;
    /// production must supply a secret.
    public var personalDataKey: [UInt8]
    /// Public holidays and compensatory working days [assumed for 2026].
    public var calendar: HolidayCalendar
    /// Receiving agencies.
    public var agencies: [Agency]
    /// Procedures, their times, fees and documents [assumed figures].
    public var procedures: [Procedure]
    /// How the simulated back office treats dossiers [assumed].
    public var backOffice: BackOfficeOdds
    /// Dossiers received at the counters before the station existed: per agency and working day,
    /// this many (their sequences come first in the day) [assumed].
    public var counterDossiersPerDay: ClosedRange<Int>
    /// How many calendar days back counter dossiers can be looked up (older ones are archived).
    public var counterDossierWindowDays: Int
    /// Most files attached to one dossier.
    public var maxDocuments: Int
    /// Accepted file formats (MIME types).
    public var acceptedMimeTypes: Set<String>
    /// Length of a security report's description, in characters [assumed].
    public var reportDescriptionLength: ClosedRange<Int>
    /// Longest location text of a report.
    public var reportLocationMaxLength: Int
    /// How many days of notices a ward board shows.
    public var noticeWindowDays: Int

    public init(
        seed: UInt64 = 2025,
        personalDataKey: [UInt8]? = nil,
        calendar: HolidayCalendar = .vietnam2025And2026,
        agencies: [Agency] = AgencyDirectory.hoChiMinhCity,
        procedures: [Procedure] = ProcedureCatalogue.hoChiMinhCity,
        backOffice: BackOfficeOdds = BackOfficeOdds(),
        counterDossiersPerDay: ClosedRange<Int> = 4...9,
        counterDossierWindowDays: Int = 60,
        maxDocuments: Int = 20,
        acceptedMimeTypes: Set<String> = ["application/pdf", "image/jpeg", "image/png"],
        reportDescriptionLength: ClosedRange<Int> = 20...2_000,
        reportLocationMaxLength: Int = 300,
        noticeWindowDays: Int = 30
    ) {
        precondition(counterDossiersPerDay.lowerBound >= 0 && counterDossiersPerDay.upperBound < 1_000)
        precondition(counterDossierWindowDays >= 1 && maxDocuments >= 1 && noticeWindowDays >= 1)
        self.seed = seed
        self.personalDataKey = personalDataKey ?? Array("dcs.administrative.demo-personal-data-key.\(seed)".utf8)
        self.calendar = calendar
        self.agencies = agencies
        self.procedures = procedures
        self.backOffice = backOffice
        self.counterDossiersPerDay = counterDossiersPerDay
        self.counterDossierWindowDays = counterDossierWindowDays
        self.maxDocuments = maxDocuments
        self.acceptedMimeTypes = acceptedMimeTypes
        self.reportDescriptionLength = reportDescriptionLength
        self.reportLocationMaxLength = reportLocationMaxLength
        self.noticeWindowDays = noticeWindowDays
    }
}
