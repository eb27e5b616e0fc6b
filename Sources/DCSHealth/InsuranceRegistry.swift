import DCSDomain

/// A deterministic stand-in for the national BHYT registry: who already holds a card through a
/// group other than the household (those members are left out of a household purchase).
///
/// Under-6s always do (group TE, paid by the state budget); of everyone else,
/// ``insuredElsewherePercent`` per cent do, drawn per ID number, with a group by age: 6-17 pupils
/// (HS), 18-22 students (SV), 23-59 employees (DN), 60+ retirees (HT) [assumed distribution].
public struct InsuranceRegistry: Sendable {
    public let seed: UInt64
    public let insuredElsewherePercent: Int

    public init(seed: UInt64, insuredElsewherePercent: Int) {
        self.seed = seed
        self.insuredElsewherePercent = insuredElsewherePercent
    }

    /// The card `citizen` holds through another group on `date`, if any.
    public func card(for citizen: CitizenRecord, on date: CivilDate) -> InsuranceCard? {
        var rng = SplitMix64(seed, 0xB47_4E61, UInt64(citizen.id.value)!)
        let draw = rng.next(below: 100)
        let age = CitizenID.age(born: citizen.birthDate, on: date)
        let (group, level): (String, Int)
        switch age {
        case ..<6: (group, level) = ("TE", 1)
        case _ where draw >= UInt64(insuredElsewherePercent): return nil
        case 6..<18: (group, level) = ("HS", 4)
        case 18..<23: (group, level) = ("SV", 4)
        case 23..<60: (group, level) = ("DN", 4)
        default: (group, level) = ("HT", 2)
        }
        // Social insurance numbers issued in HCMC open with its province code.
        let number = "79" + CivilDate.pad(Int(rng.next(below: 100_000_000)), 8)
        return InsuranceCard(group: group, benefitLevel: level, province: "79", socialInsuranceNumber: number)
    }
}
