import DCSDomain

/// The bills of a synthetic customer.
extension SyntheticUtilitiesDirectory {
    /// Bills for the 1-3 periods before `anchor` (how many is fixed per customer), oldest first.
    ///
    /// Each bill depends only on (seed, kind, index, period), never on when or where it is
    /// asked for, so lazily materialised rows agree across databases. About 30% of bills are
    /// already paid through another channel. Electricity periods before the first known tariff
    /// are skipped rather than invented.
    public func bills(for customer: SyntheticCustomer, anchor: BillingPeriod) -> [SyntheticBill] {
        var rng = SplitMix64(seed, customer.kind.tag, UInt64(customer.index), 0xB111)
        let count = Int(rng.int(in: 1...3))
        return (1...count).reversed().compactMap { bill(for: customer, period: anchor.advanced(by: -$0)) }
    }

    /// The bill of `customer` for one period, or nil when it cannot be priced.
    public func bill(for customer: SyntheticCustomer, period: BillingPeriod) -> SyntheticBill? {
        var rng = SplitMix64(seed, customer.kind.tag, UInt64(customer.index), UInt64(period.ordinal))
        let paidElsewhere = rng.next(below: 100) < 30
        switch customer.kind {
        case .electricity:
            guard let tariff = electricityTariffs.tariff(for: period) else { return nil }
            let kWh = customer.baseline * rng.int(in: 80...120) / 100
            return SyntheticBill(period: period, consumption: kWh, persons: nil, lines: tariff.lines(forKWh: kWh),
                                 charges: tariff.charges(forKWh: kWh), paidElsewhere: paidElsewhere)
        case .water:
            let persons = customer.persons ?? 1
            let cubicMetres = max(1, Int64(persons) * customer.baseline + rng.int(in: -2...3))
            return SyntheticBill(period: period, consumption: cubicMetres, persons: persons,
                                 lines: waterTariff.lines(cubicMetres: cubicMetres, persons: persons),
                                 charges: waterTariff.charges(cubicMetres: cubicMetres, persons: persons),
                                 paidElsewhere: paidElsewhere)
        case .telecom:
            // Plan fee plus out-of-bundle usage in whole thousands of dong.
            let amount = customer.baseline + rng.int(in: 0...60) * 1_000
            return SyntheticBill(period: period, consumption: nil, persons: nil, lines: [],
                                 charges: BillCharges(amount: amount, vatPercent: telecomVATPercent),
                                 paidElsewhere: paidElsewhere)
        }
    }
}
