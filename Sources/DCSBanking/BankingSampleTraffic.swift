import DCSDomain
import DCSSchema
import Foundation

/// Sample requests for every banking service, deterministic in the index and consistent with the
/// synthetic population registry the worker answers from (same seed).
///
/// Valid requests of one index use people no other index uses (transfers: one citizen per four
/// indexes, so that day totals build up). Invalid requests cycle, by index, through the rules of
/// their service that a single request can break; rules that need earlier state (a second
/// account, a second pending application, the daily cap, a reused request id) are covered by the
/// unit tests instead.
public struct BankingSampleTraffic: SampleTraffic {
    /// The worker configuration the samples must agree with.
    public let configuration: BankingConfiguration
    let registry: CitizenRegistry

    /// Samples for a worker configured with `configuration` (same seed, banks, products, thresholds).
    public init(configuration: BankingConfiguration = .init()) {
        self.configuration = configuration
        self.registry = CitizenRegistry(seed: configuration.seed)
    }

    /// Every banking service id.
    public var serviceIDs: [String] { BankingService.serviceIDs }

    /// A request the service should complete (see ``SampleRequest/Expectation/valid``).
    public func valid(_ serviceID: String, index: Int, now: Date) -> SampleRequest {
        switch BankingServiceID(rawValue: serviceID) {
        case .accountOpen?: validAccount(index: index, now: now)
        case .cardApply?: validCard(index: index, now: now)
        case .vietQRGenerate?: validGenerate(index: index)
        case .vietQRParse?: validParse(index: index)
        case .transferAuthorize?: validTransfer(index: index, now: now)
        case nil: unknownService(serviceID)
        }
    }

    /// A request breaking one rule of the service, chosen by `index`, with its exact code.
    public func invalid(_ serviceID: String, index: Int, now: Date) -> SampleRequest {
        switch BankingServiceID(rawValue: serviceID) {
        case .accountOpen?: invalidAccount(index: index, now: now)
        case .cardApply?: invalidCard(index: index, now: now)
        case .vietQRGenerate?: invalidGenerate(index: index)
        case .vietQRParse?: invalidParse(index: index)
        case .transferAuthorize?: invalidTransfer(index: index, now: now)
        case nil: unknownService(serviceID)
        }
    }

    private func unknownService(_ serviceID: String) -> SampleRequest {
        SampleRequest(serviceID: serviceID, payload: [:], subject: serviceID, expectation: .rejected(code: "banking.service_unknown"))
    }

    // MARK: Shared building blocks

    /// The first known person at or after `start` that satisfies `accept`.
    func citizen(from start: Int, latestBirthYear: Int = 2019, where accept: (CitizenRecord) -> Bool) -> CitizenRecord {
        var position = start
        while true {
            let record = registry.citizen(at: position, latestBirthYear: latestBirthYear)
            if accept(record) { return record }
            position += 1
        }
    }

    /// Age on `today`, or nil when a birthday falls within 3 days (a request handled a little
    /// later must see the same age).
    func stableAge(_ record: CitizenRecord, today: CivilDate) -> Int? {
        let age = CitizenID.age(born: record.birthDate, on: today)
        guard CitizenID.age(born: record.birthDate, on: today.adding(days: -3)) == age,
              CitizenID.age(born: record.birthDate, on: today.adding(days: 3)) == age else { return nil }
        return age
    }

    /// An adult with full legal capacity, old enough for every banking service.
    func eligibleAdult(_ record: CitizenRecord, today: CivilDate) -> Bool {
        guard let age = stableAge(record, today: today) else { return false }
        return age >= max(configuration.minimumAccountAge, configuration.minimumCardAge) && record.hasFullLegalCapacity
    }

    /// Explicit consent for `purpose`, given two minutes before `now`.
    func consent(_ purpose: ConsentPurpose, now: Date) -> JSONValue {
        ["purpose": .string(purpose.rawValue), "granted": true, "granted_at": .string(RFC3339.string(from: now.addingTimeInterval(-120)))]
    }

    /// Consent that does not count (absent is the third way, left to the caller).
    func badConsent(_ purpose: ConsentPurpose, now: Date, variant: Int) -> JSONValue {
        let other = ConsentPurpose.allCases.first { $0 != purpose }!
        return variant % 2 == 0
            ? ["purpose": .string(purpose.rawValue), "granted": false, "granted_at": .string(RFC3339.string(from: now.addingTimeInterval(-120)))]
            : ["purpose": .string(other.rawValue), "granted": true, "granted_at": .string(RFC3339.string(from: now.addingTimeInterval(-120)))]
    }

    /// Malformed ID numbers, cycling: too short, unknown province, a letter.
    func malformedIDNumber(_ variant: Int) -> String {
        ["07912345678", "000123456789", "07920012345A"][variant % 3]
    }

    /// A BIN that is not whitelisted.
    var unlistedBIN: String {
        ["970499", "970000", "123456", "999999"].first { configuration.bank(bin: $0) == nil }!
    }

    /// The subject for an ID number field: as the station normalises it (no spaces or dots).
    func idSubject(_ text: String) -> String { text.filter { $0 != " " && $0 != "." } }

    /// The name as the citizen might type it: exact, upper case, or with extra spaces.
    func typedName(_ name: String, variant: Int) -> String {
        switch variant % 3 {
        case 1: name.uppercased()
        case 2: " " + name.split(separator: " ").joined(separator: "  ") + " "
        default: name
        }
    }
}
