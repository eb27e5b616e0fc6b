import DCSDomain

/// The synthetic system of record: which customers exist and what they owe, derived from a seed.
/// It stands in for the billers (EVN, the water company, the carriers); the worker stores only what they
/// cannot tell it (when it first saw a customer, the payments it took).
///
/// Existence is decidable from a reference alone, which every partition database needs (a
/// request lands on whichever partition Kafka picks, and all of them must answer alike). Each kind maps a customer index to a
/// serial through a keyed permutation (`SerialPermutation`): electricity and telecom use the
/// 7-digit serial (10^7 values), water the whole 11-digit danh bo (10^11 values). A reference
/// exists iff the inverse of its serial is an index below `customerCount` AND the rest of the
/// reference (EVN unit, phone prefix) is the one that index generates. With the default 10,000
/// customers, a random well-formed reference exists with probability below 1 in 10,000.
public struct SyntheticUtilitiesDirectory: Sendable {
    public let seed: UInt64
    public let customerCount: Int
    let electricityTariffs: ElectricityTariffSchedule
    let waterTariff: WaterTariff
    let telecomVATPercent: Int64

    /// Synthetic EVN Southern unit codes for former Binh Duong / Ba Ria-Vung Tau customers
    /// [assumed: the real unit numbering is not public here].
    static let southernUnitCodes = ["PB0700", "PB1500"]
    /// Monthly postpaid plan fees, VND before VAT [assumed].
    static let planFees: [Int64] = [99_000, 149_000, 199_000, 299_000, 499_000]

    public init(seed: UInt64 = 2025, customerCount: Int = 10_000) {
        self.init(configuration: UtilitiesConfiguration(seed: seed, customerCount: customerCount))
    }

    public init(configuration: UtilitiesConfiguration) {
        self.seed = configuration.seed
        self.customerCount = configuration.customerCount
        self.electricityTariffs = configuration.electricityTariffs
        self.waterTariff = configuration.waterTariff
        self.telecomVATPercent = configuration.telecomVATPercent
    }

    // MARK: Generation (for the station simulator and tests)

    /// The customer at `index` (0..<customerCount).
    public func customer(_ kind: UtilityKind, at index: Int) -> SyntheticCustomer {
        precondition((0..<customerCount).contains(index), "index out of range")
        var rng = SplitMix64(seed, kind.tag, UInt64(index))
        let serial = permutation(kind).apply(UInt64(index))
        switch kind {
        case .electricity:
            // About 85% EVN HCMC (units PE01...PE19), the rest EVN Southern.
            let unit = rng.next(below: 100) < 85
                ? "PE" + CivilDate.pad(Int(rng.int(in: 1...19)), 2) + "00"
                : SyntheticUtilitiesDirectory.southernUnitCodes[Int(rng.next(below: 2))]
            return SyntheticCustomer(kind: kind, index: index, reference: unit + pad(serial, 7),
                                     baseline: rng.int(in: 40...650), persons: nil, carrier: nil)
        case .water:
            let persons = Int(rng.int(in: 1...6))
            return SyntheticCustomer(kind: kind, index: index, reference: pad(serial, 11),
                                     baseline: rng.int(in: 3...8), persons: persons, carrier: nil)
        case .telecom:
            let prefixes = TelecomCarrier.allPrefixes
            let prefix = prefixes[Int(rng.next(below: UInt64(prefixes.count)))]
            var carrier = TelecomCarrier(prefix: prefix)!
            if rng.next(below: 100) < 10 {
                // Ported number: the carrier of record is not the prefix's.
                let others = TelecomCarrier.allCases.filter { $0 != carrier }
                carrier = others[Int(rng.next(below: UInt64(others.count)))]
            }
            let fee = SyntheticUtilitiesDirectory.planFees[Int(rng.next(below: UInt64(SyntheticUtilitiesDirectory.planFees.count)))]
            return SyntheticCustomer(kind: kind, index: index, reference: prefix + pad(serial, 7),
                                     baseline: fee, persons: nil, carrier: carrier)
        }
    }

    /// The first `count` customers of a kind (all of them when nil).
    public func customers(_ kind: UtilityKind, count: Int? = nil) -> [SyntheticCustomer] {
        (0..<min(count ?? customerCount, customerCount)).map { customer(kind, at: $0) }
    }

    // MARK: Existence (from the reference alone)

    public func customer(electricity code: ElectricityCustomerCode) -> SyntheticCustomer? {
        find(.electricity, serial: code.serial, reference: code.value)
    }

    public func customer(water number: WaterCustomerNumber) -> SyntheticCustomer? {
        find(.water, serial: number.value, reference: number.value)
    }

    public func customer(telecom phone: PhoneNumber) -> SyntheticCustomer? {
        find(.telecom, serial: String(phone.value.suffix(7)), reference: phone.value)
    }

    private func find(_ kind: UtilityKind, serial: String, reference: String) -> SyntheticCustomer? {
        guard let value = UInt64(serial) else { return nil }
        let permutation = permutation(kind)
        guard value < permutation.modulus else { return nil }
        let index = permutation.inverse(value)
        guard index < UInt64(customerCount) else { return nil }
        let candidate = customer(kind, at: Int(index))
        return candidate.reference == reference ? candidate : nil
    }

    func permutation(_ kind: UtilityKind) -> SerialPermutation {
        var keys = SplitMix64(seed, kind.tag, 0x5045_524D)
        return SerialPermutation(modulus: kind == .water ? 100_000_000_000 : 10_000_000, key: keys.next())
    }

    private func pad(_ value: UInt64, _ width: Int) -> String {
        CivilDate.pad(Int(value), width)
    }
}
