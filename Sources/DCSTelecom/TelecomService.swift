import DCSDomain
import DCSMessages
import DCSSchema
import Foundation
import GRDB

/// The telecom domain: SIM identification against the national population database, the list of
/// numbers registered to an ID document, disowning a number, and online registration of a new one.
///
/// Every service is keyed by the citizen's ID number (payload `id_number`): the numbers of one ID,
/// its online-registration count and its suspension cases all live in one partition database.
/// Every service also needs proof that the citizen at the kiosk holds that ID (name, birth date,
/// face score and biometric consent, see `TelecomService+Applicant.swift`): knowing an ID number
/// is not enough to see or change the numbers registered to it.
/// Stateless apart from its configuration; `handle` runs inside the runtime's write transaction.
/// Business state is written only after every rule passed, so a rejection changes nothing (the
/// carriers' reference records may have been materialised first: deterministic and idempotent).
public struct TelecomService: CategoryService {
    public static let category: ServiceCategory = .telecom
    public static let serviceIDs: [String] = TelecomServiceID.allCases.map(\.rawValue)

    public let configuration: TelecomConfiguration
    /// The carriers' synthetic subscriber records.
    public let directory: SyntheticCarrierDirectory
    /// The population registry stand-in the four fields are compared with.
    public let registry: CitizenRegistry
    /// `configuration.subscriberKey`, made ready once for every phone number it pseudonymises.
    let subscriberHMAC: HMACKey
    /// `configuration.citizenKey`, made ready once for every ID number it keys.
    let citizenHMAC: HMACKey

    /// A service answering from the synthetic world of `configuration.seed`.
    public init(configuration: TelecomConfiguration = .init()) {
        self.configuration = configuration
        self.directory = SyntheticCarrierDirectory(configuration: configuration)
        self.registry = configuration.registry
        self.subscriberHMAC = HMACKey(configuration.subscriberKey)
        self.citizenHMAC = HMACKey(configuration.citizenKey)
    }

    /// Applies one request; see the `TelecomService+<Action>.swift` files for each service's rules.
    ///
    /// - Throws: ``DomainRejection`` (codes in ``TelecomRejection/Code``) for a rule violation;
    ///   a database error when storage failed.
    public func handle(_ request: DomainRequest, db: Database) throws -> [String: JSONValue] {
        guard let service = TelecomServiceID(rawValue: request.serviceID) else {
            throw DomainRejection.serviceUnknown(category: TelecomRejection.category, request.serviceID)
        }
        switch service {
        case .identify: return try identify(request, db: db)
        case .list: return try list(request, db: db)
        case .disown: return try disown(request, db: db)
        case .register: return try register(request, db: db)
        }
    }
}
