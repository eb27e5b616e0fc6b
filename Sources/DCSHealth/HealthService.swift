import DCSDomain
import DCSMessages
import DCSSchema
import Foundation
import GRDB

/// The health category: telemedicine bookings and household health insurance (BHYT hộ gia đình).
///
/// Stateless apart from its configuration and the synthetic reference data derived from it: all
/// state lives in the partition database the runtime passes to ``handle(_:db:)``, inside the
/// runtime's write transaction (this type never opens a connection or a transaction).
///
/// Subjects (the catalogue's partition keys): telemedicine requests are keyed by the clinic id (a
/// clinic's slot capacity lives in one database; booking codes embed the clinic id), insurance
/// requests by the household head's ID number (a household's policies live in one database).
///
/// Every service needs the citizen's explicit `health_data` consent: bookings carry health
/// conditions and insurance membership is health data (Law 91/2025).
public struct HealthService: CategoryService {
    public static let category: ServiceCategory = .health
    public static let serviceIDs: [String] = HealthServiceID.allCases.map(\.rawValue)

    public let configuration: HealthConfiguration
    /// The synthetic national population database.
    public let citizens: CitizenRegistry
    /// The synthetic clinics.
    public let clinics: ClinicDirectory
    /// The synthetic BHYT registry (who is insured through another group).
    public let insuranceRegistry: InsuranceRegistry
    /// The contribution schedule.
    public let contribution: HouseholdContribution
    /// `configuration.citizenKey` and `conditionKey`, made ready once for every request they key.
    let citizenHMAC: HMACKey
    let conditionHMAC: HMACKey

    public init(configuration: HealthConfiguration = .init()) {
        self.configuration = configuration
        self.citizens = CitizenRegistry(seed: configuration.seed)
        self.clinics = ClinicDirectory(seed: configuration.seed, count: configuration.clinicCount)
        self.insuranceRegistry = InsuranceRegistry(seed: configuration.seed, insuredElsewherePercent: configuration.insuredElsewherePercent)
        self.contribution = HouseholdContribution(configuration: configuration)
        self.citizenHMAC = HMACKey(configuration.citizenKey)
        self.conditionHMAC = HMACKey(configuration.conditionKey)
    }

    /// Applies one request and returns the result data (snake_case keys, always with `service_id`).
    ///
    /// - Throws: ``DomainRejection`` for every business-rule violation; any other error is a
    ///   storage failure (the runtime rolls back and dead-letters).
    public func handle(_ request: DomainRequest, db: Database) throws -> [String: JSONValue] {
        guard let service = HealthServiceID(rawValue: request.serviceID) else {
            throw DomainRejection.serviceUnknown(category: Self.category.rawValue, request.serviceID)
        }
        try request.payload.requireConsent(.healthData, submittedAt: request.submittedAt)
        switch service {
        case .telemedicineRegister: return try register(request, db: db)
        case .telemedicineCancel: return try cancel(request, db: db)
        case .telemedicineStatus: return try status(request, db: db)
        case .insuranceQuote: return try quote(request, db: db)
        case .insurancePurchase: return try purchase(request, db: db)
        }
    }

    // MARK: Keys

    /// Hex HMAC-SHA256 of an ID number: how tables refer to a citizen.
    func citizenKey(_ id: CitizenID) -> String { id.keyedHash(citizenHMAC) }

    /// Hex HMAC-SHA256 of an ICD-10 code: the only form in which a booking keeps the condition.
    func conditionKey(_ code: ICD10Code) -> String {
        Hex.lowercase(conditionHMAC.authenticationCode(Array(code.value.utf8)))
    }

    /// Parses an ID number field, mapping a malformed one to `rejection(field)`.
    static func citizenID(_ raw: String, field: String, _ rejection: (String) -> DomainRejection) throws(DomainRejection) -> CitizenID {
        do { return try CitizenID(parsing: raw) } catch { throw rejection(field) }
    }
}
