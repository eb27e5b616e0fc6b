import DCSDomain
import Foundation

/// The deterministic register of counter dossiers (see ``CounterDossier``).
///
/// On every working day each agency received ``count(agencyCode:on:)`` dossiers at its counter;
/// they hold sequences `0001...k` of that day, so dossiers issued at a station on the same day
/// continue at `k+1` and the per-agency-per-day sequence stays dense. Only days before today and
/// within the configured window exist. A simulator finds them without knowing any code issued at
/// run time: it enumerates agencies, recent days and sequences and asks ``dossier(_:today:)``.
public struct CounterDossierBook: Sendable {
    public let configuration: AdministrativeConfiguration
    let agencies: AgencyDirectory
    let procedures: ProcedureCatalogue
    let registry: CitizenRegistry

    public init(configuration: AdministrativeConfiguration) {
        self.configuration = configuration
        self.agencies = AgencyDirectory(agencies: configuration.agencies)
        self.procedures = ProcedureCatalogue(procedures: configuration.procedures)
        self.registry = CitizenRegistry(seed: configuration.seed)
    }

    /// Dossiers the agency received at its counter on `date` (0 on days off).
    public func count(agencyCode: String, on date: CivilDate) -> Int {
        guard configuration.calendar.isWorkingDay(date), let agency = agencies.agency(code: agencyCode),
              !procedures.procedures(for: agency.kind).isEmpty else { return 0 }
        var rng = SplitMix64(configuration.seed, 0xC0_07_7E_12, Self.key(agency.code), UInt64(date.daysSinceEpoch))
        return Int(rng.int(in: Int64(configuration.counterDossiersPerDay.lowerBound)...Int64(configuration.counterDossiersPerDay.upperBound)))
    }

    /// The counter dossier with this code, if it exists as seen on `today`.
    public func dossier(_ code: DossierCode, today: CivilDate) -> CounterDossier? {
        guard code.receivedOn < today, code.receivedOn >= today.adding(days: -configuration.counterDossierWindowDays),
              code.sequence <= count(agencyCode: code.agencyCode, on: code.receivedOn),
              let agency = agencies.agency(code: code.agencyCode) else { return nil }
        let candidates = procedures.procedures(for: agency.kind)
        var rng = SplitMix64(configuration.seed, 0xC0_07_7E_13, Self.key(agency.code), UInt64(code.receivedOn.daysSinceEpoch), UInt64(code.sequence))
        let procedure = candidates[Int(rng.next(below: UInt64(candidates.count)))]
        // Old enough for every procedure's minimum age (20 for a man's marriage).
        let applicant = registry.citizen(at: Int(rng.next(below: 1_000_000)), latestBirthYear: code.receivedOn.year - 21)
        let copies = Int(rng.int(in: Int64(procedure.copies.lowerBound)...Int64(procedure.copies.upperBound)))
        let channels = ResultChannel.allCases.filter(procedure.resultChannels.contains)
        let channel = channels[Int(rng.next(below: UInt64(channels.count)))]
        let receivedAt = DossierProgress.time(code.receivedOn, 7 * 60 + 30 + 6 * code.sequence)
        return CounterDossier(code: code, procedure: procedure, applicant: applicant, receivedAt: receivedAt, copies: copies, channel: channel)
    }

    /// The plan of a counter dossier (the same function as for station dossiers).
    public func plan(of dossier: CounterDossier) -> DossierPlan {
        DossierPlan.simulated(for: dossier.code.description, processingDays: dossier.procedure.processingDays,
                              hasFee: dossier.fee > 0, odds: configuration.backOffice, seed: configuration.seed)
    }

    /// Where the dossier stands at `now` if no request changed it (no payment, no withdrawal).
    public func projectedProgress(of dossier: CounterDossier, at now: Date) -> DossierProgress {
        var progress = DossierProgress(receivedAt: dossier.receivedAt, processingDays: dossier.procedure.processingDays,
                                       calendar: configuration.calendar)
        _ = progress.advance(plan: plan(of: dossier), processingDays: dossier.procedure.processingDays, until: now,
                             calendar: configuration.calendar)
        return progress
    }

    static func key(_ text: String) -> UInt64 {
        Digest.sha256(Array(text.utf8)).prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }
}
