import DCSDomain
import DCSMessages
import DCSSchema
import Foundation
import GRDB

/// The banking domain: eKYC account opening, credit card applications, VietQR codes and transfer
/// authentication, as a Digital Citizen Station offers them.
///
/// Stateless apart from its configuration: state lives in the per-partition database the runtime
/// passes in, inside its write transaction. Requests about one citizen (account, card, transfer)
/// are keyed by the ID number, so that citizen's accounts, applications and day totals are all in
/// one database. Reference data (the population registry) is synthetic and derived from the seed.
public struct BankingService: CategoryService {
    /// Served by the `dcs.requests.banking` worker.
    public static let category: ServiceCategory = .banking
    /// Every ``BankingServiceID``, in catalogue order.
    public static let serviceIDs: [String] = BankingServiceID.allCases.map(\.rawValue)

    /// Rules, thresholds and keys.
    public let configuration: BankingConfiguration
    /// The population database stand-in every identity check answers from.
    public let registry: CitizenRegistry
    /// `configuration.citizenKey` and `accountKey`, made ready once for every request they key.
    let citizenHMAC: HMACKey
    let accountHMAC: HMACKey

    /// A service answering from the synthetic world of `configuration.seed`.
    public init(configuration: BankingConfiguration = .init()) {
        self.configuration = configuration
        self.registry = CitizenRegistry(seed: configuration.seed)
        self.citizenHMAC = HMACKey(configuration.citizenKey)
        self.accountHMAC = HMACKey(configuration.accountKey)
    }

    /// Applies one request inside the runtime's transaction.
    ///
    /// - Throws: ``DomainRejection`` for a rule violation or malformed payload; any other error is a
    ///   storage failure.
    public func handle(_ request: DomainRequest, db: Database) throws -> [String: JSONValue] {
        guard let service = BankingServiceID(rawValue: request.serviceID) else {
            throw DomainRejection.serviceUnknown(category: Self.category.rawValue, request.serviceID)
        }
        switch service {
        case .accountOpen: return try openAccount(request, db: db)
        case .cardApply: return try applyForCard(request, db: db)
        case .vietQRGenerate: return try generateVietQR(request)
        case .vietQRParse: return try parseVietQR(request)
        case .transferAuthorize: return try authorizeTransfer(request, db: db)
        }
    }
}
