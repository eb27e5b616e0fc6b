import DCSDomain
import DCSMessages
import DCSSchema
import Foundation
import GRDB

/// The administrative domain of the Digital Citizen Stations: dossiers on the public service
/// portal (submission, progress, withdrawal), their fees through the national payment platform,
/// and the ward's security-and-order notices and reports.
///
/// Partitioning: every dossier request's subject is the receiving agency's code (`agency_code`, or
/// the prefix of `dossier_code`), so an agency's dossiers, their per-day sequence, payments and
/// histories all live in one partition database. Security requests' subject is the ward code.
///
/// Stateless apart from its configuration; every `Database` it is given is already inside the
/// runtime's write transaction.
public struct AdministrativeService: CategoryService {
    public static let category: ServiceCategory = .administrative
    public static let serviceIDs: [String] = AdministrativeServiceID.allCases.map(\.rawValue)

    public let configuration: AdministrativeConfiguration
    public let agencies: AgencyDirectory
    public let procedures: ProcedureCatalogue
    public let registry: CitizenRegistry
    public let counterDossiers: CounterDossierBook
    public let noticeBoard: SecurityNoticeBoard
    /// `configuration.personalDataKey`, made ready once for every value it keys.
    let personalDataHMAC: HMACKey

    public init(configuration: AdministrativeConfiguration = .init()) {
        self.configuration = configuration
        self.agencies = AgencyDirectory(agencies: configuration.agencies)
        self.procedures = ProcedureCatalogue(procedures: configuration.procedures)
        self.registry = CitizenRegistry(seed: configuration.seed)
        self.counterDossiers = CounterDossierBook(configuration: configuration)
        self.noticeBoard = SecurityNoticeBoard(seed: configuration.seed, windowDays: configuration.noticeWindowDays)
        self.personalDataHMAC = HMACKey(configuration.personalDataKey)
    }

    public func handle(_ request: DomainRequest, db: Database) throws -> [String: JSONValue] {
        guard let service = AdministrativeServiceID(rawValue: request.serviceID) else {
            throw DomainRejection.serviceUnknown(category: Self.category.rawValue, request.serviceID)
        }
        switch service {
        case .dossierSubmit: return try submit(request, db: db)
        case .dossierStatus: return try status(request, db: db)
        case .dossierWithdraw: return try withdraw(request, db: db)
        case .feePay: return try payFee(request, db: db)
        case .securityNotices: return try notices(request)
        case .securityReport: return try report(request, db: db)
        }
    }

    /// The keyed hash under which a personal value (ID number, phone number) is stored.
    func keyedHash(_ value: String) -> String {
        Hex.lowercase(personalDataHMAC.authenticationCode(Array(value.utf8)))
    }

    /// The plan of a stored dossier.
    func plan(code: String, procedure: Procedure, fee: Int64) -> DossierPlan {
        DossierPlan.simulated(for: code, processingDays: procedure.processingDays, hasFee: fee > 0,
                              odds: configuration.backOffice, seed: configuration.seed)
    }
}
