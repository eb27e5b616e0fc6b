import DCSDomain
import Foundation

/// The carriers' synthetic subscriber records: which numbers are registered to an ID document and
/// which numbers are allocated at all, derived from the seed alone.
///
/// Everything depends only on (seed, ID number) or (seed, phone number), never on time or on the
/// database asked, so every partition database materialises the same rows lazily and the station
/// simulator can predict them.
public struct SyntheticCarrierDirectory: Sendable {
    public let seed: UInt64
    /// Percent of numbers already allocated to somebody (see ``isAllocated(_:)``).
    public let allocatedNumberPercent: UInt64
    let registry: CitizenRegistry

    /// People born after this year have no SIM in their own name: children's numbers are
    /// registered to a parent [assumed].
    static let latestSubscriberBirthYear = 2011

    /// The records of the world of `seed`.
    public init(seed: UInt64 = 2025, allocatedNumberPercent: UInt64 = 60) {
        self.seed = seed
        self.allocatedNumberPercent = allocatedNumberPercent
        self.registry = CitizenRegistry(seed: seed)
    }

    /// The records of the world `configuration` describes.
    public init(configuration: TelecomConfiguration) {
        self.init(seed: configuration.seed, allocatedNumberPercent: configuration.allocatedNumberPercent)
    }

    /// The numbers registered to `record`'s ID: 0-4 (10% none, 35% one, 30% two, 15% three,
    /// 10% four), the first being the phone on their VNeID account. About a quarter carry
    /// outdated subscriber data (10% name without diacritics, 8% wrong birth day, 7% both), about
    /// 10% were ported to another carrier.
    public func subscriptions(for record: CitizenRecord) -> [CarrierSubscription] {
        guard record.birthDate.year <= Self.latestSubscriberBirthYear else { return [] }
        var rng = SplitMix64(seed, 0x7E1E_C0DE, UInt64(record.id.value)!)
        let roll = rng.next(below: 100)
        let count = roll < 10 ? 0 : roll < 45 ? 1 : roll < 75 ? 2 : roll < 90 ? 3 : 4
        var phones: [PhoneNumber] = []
        if count > 0 { phones.append(record.phone) }
        while phones.count < count {
            let candidate = randomNumber(&rng)
            if isAllocated(candidate) && !phones.contains(candidate) { phones.append(candidate) }
        }
        return phones.map { phone in subscription(phone, of: record, rng: &rng) }
    }

    private func subscription(_ phone: PhoneNumber, of record: CitizenRecord, rng: inout SplitMix64) -> CarrierSubscription {
        var carrier = phone.prefixCarrier
        if rng.next(below: 100) < 10 {
            let others = TelecomCarrier.allCases.filter { $0 != carrier }
            carrier = others[Int(rng.next(below: UInt64(others.count)))]
        }
        let quality = rng.next(below: 100)
        let staleName = (75..<85).contains(quality) || quality >= 93
        let staleBirthDay = (85..<100).contains(quality)
        var shift = Int(rng.int(in: 1...3))
        if rng.next(below: 2) == 0 { shift = -shift }
        let firstYear = max(2008, record.birthDate.year + 14)
        let year = firstYear >= 2024 ? 2024 : Int(rng.int(in: Int64(firstYear)...2024))
        let registeredOn = CivilDate(year: year, month: Int(rng.int(in: 1...12)), day: Int(rng.int(in: 1...28)))!
        var outdated: [IdentityField] = []
        if staleName { outdated.append(.fullName) }
        if staleBirthDay { outdated.append(.birthDate) }
        return CarrierSubscription(
            phone: phone, carrier: carrier,
            heldName: staleName ? Self.staleSpelling(record.fullName) : record.fullName,
            heldBirthDate: staleBirthDay ? record.birthDate.adding(days: shift) : record.birthDate,
            registeredOn: registeredOn, outdatedFields: outdated)
    }

    /// Whether a carrier has already allocated `phone` to somebody: about
    /// ``allocatedNumberPercent`` of all numbers, decided by the number alone so that every
    /// partition agrees. Every synthetic subscription other than the VNeID phone is allocated.
    public func isAllocated(_ phone: PhoneNumber) -> Bool {
        var rng = SplitMix64(seed, 0xA110_CA7E, UInt64(phone.value)!)
        return rng.next(below: 100) < allocatedNumberPercent
    }

    /// The `index`-th number nobody holds (for registration samples and tests).
    public func freeNumber(at index: Int) -> PhoneNumber {
        number(at: index, tag: 0xF4EE) { !isAllocated($0) }
    }

    /// The `index`-th number somebody already holds.
    public func allocatedNumber(at index: Int) -> PhoneNumber {
        number(at: index, tag: 0x7A4E) { isAllocated($0) }
    }

    private func number(at index: Int, tag: UInt64, where accept: (PhoneNumber) -> Bool) -> PhoneNumber {
        var rng = SplitMix64(seed, tag, UInt64(index))
        while true {
            let candidate = randomNumber(&rng)
            if accept(candidate) { return candidate }
        }
    }

    private func randomNumber(_ rng: inout SplitMix64) -> PhoneNumber {
        let prefixes = TelecomCarrier.allPrefixes
        let prefix = prefixes[Int(rng.next(below: UInt64(prefixes.count)))]
        return PhoneNumber(unchecked: prefix + CivilDate.pad(Int(rng.next(below: 10_000_000)), 7))
    }

    /// The name as an old SIM contract holds it: without diacritics or, for a name that has none
    /// ("Phan Minh Nam"), without the middle name.
    static func staleSpelling(_ name: String) -> String {
        let plain = withoutDiacritics(name)
        guard PersonName.matches(plain, name) else { return plain }
        let words = name.split(separator: " ")
        return words.count > 2 ? "\(words[0]) \(words[words.count - 1])" : plain + " Thị"
    }

    /// The name as old SIM contracts were typed: Vietnamese letters without their marks
    /// ("Nguyễn Thị Hoa" -> "Nguyen Thi Hoa"). Đ/đ is a letter of its own, not a mark.
    public static func withoutDiacritics(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in name.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0300...0x036F: continue
            case 0x0110: scalars.append("D")
            case 0x0111: scalars.append("d")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
