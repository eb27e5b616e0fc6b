import DCSAdministrative
import DCSBanking
import DCSDomain
import DCSHealth
import DCSMessages
import DCSTelecom
import DCSUtilities
import DCSWorkerRuntime

/// Each category's handler and sample traffic, built from one set of domain configurations so a
/// worker and a simulated station see the same synthetic world.
public struct RequestHandlers: Sendable {
    public var utilities: UtilitiesConfiguration
    public var administrative: AdministrativeConfiguration
    public var health: HealthConfiguration
    public var banking: BankingConfiguration
    public var telecom: TelecomConfiguration
    /// The synthetic downstream systems behind every service, healthy unless told otherwise.
    public let downstream: DownstreamFaults

    /// Every domain with its documented defaults (seed 2025).
    public init(
        utilities: UtilitiesConfiguration = UtilitiesConfiguration(),
        administrative: AdministrativeConfiguration = AdministrativeConfiguration(),
        health: HealthConfiguration = HealthConfiguration(),
        banking: BankingConfiguration = BankingConfiguration(),
        telecom: TelecomConfiguration = TelecomConfiguration(),
        downstream: DownstreamFaults = DownstreamFaults()
    ) {
        self.utilities = utilities
        self.administrative = administrative
        self.health = health
        self.banking = banking
        self.telecom = telecom
        self.downstream = downstream
    }

    /// The handler of `category`'s worker, behind its downstream systems.
    public func handler(for category: ServiceCategory) -> any RequestHandler {
        DownstreamGatedHandler(domainHandler(for: category), downstream: downstream)
    }

    private func domainHandler(for category: ServiceCategory) -> any RequestHandler {
        switch category {
        case .utilities: UtilitiesRequestHandler(service: UtilitiesService(configuration: utilities))
        case .administrative: CategoryRequestHandler(AdministrativeService(configuration: administrative))
        case .health: CategoryRequestHandler(HealthService(configuration: health))
        case .banking: CategoryRequestHandler(BankingService(configuration: banking))
        case .telecom: CategoryRequestHandler(TelecomService(configuration: telecom))
        }
    }

    /// The service ids `category`'s worker answers.
    public static func serviceIDs(of category: ServiceCategory) -> [String] {
        switch category {
        case .utilities: UtilitiesService.serviceIDs
        case .administrative: AdministrativeService.serviceIDs
        case .health: HealthService.serviceIDs
        case .banking: BankingService.serviceIDs
        case .telecom: TelecomService.serviceIDs
        }
    }

    /// Sample requests for every service of `category`, consistent with its worker's data.
    public func sampleTraffic(for category: ServiceCategory) -> any SampleTraffic {
        switch category {
        case .utilities: UtilitiesSampleTraffic(configuration: utilities)
        case .administrative: AdministrativeSampleTraffic(configuration: administrative)
        case .health: HealthSampleTraffic(configuration: health)
        case .banking: BankingSampleTraffic(configuration: banking)
        case .telecom: TelecomSampleTraffic(configuration: telecom)
        }
    }
}
