import DCSDomain

/// The bills of a synthetic customer.
extension SyntheticUtilitiesDirectory {
    /// Bills for the 1-3 periods before `anchor` (how many is fixed per customer), oldest first:
    /// what a customer seen for the first time in the month of `anchor` is shown.
    ///
    /// Each bill depends only on (seed, kind, index, period), never on when or where it is
    /// asked for, so every partition database shows the same bills. About 30% of bills are
    /// already paid through another channel. Electricity periods before the first known tariff
    /// are skipped rather than invented.
    public func bills(for customer: SyntheticCustomer, anchor: BillingPeriod) -> [SyntheticBill] {
        bills(for: customer, from: firstPeriod(for: customer, anchor: anchor), before: anchor)
    }

    /// The oldest period a customer seen for the first time in the month of `anchor` is shown.
    public func firstPeriod(for customer: SyntheticCustomer, anchor: BillingPeriod) -> BillingPeriod {
        var rng = SplitMix64(seed, customer.kind.tag, UInt64(customer.index), 0xB111)
        return anchor.advanced(by: -Int(rng.int(in: 1...3)))
    }

    /// Bills of the periods from `first` up to the one before `anchor`, oldest first (none when
    /// `first` is not before `anchor`).
    public func bills(for customer: SyntheticCustomer, from first: BillingPeriod, before anchor: BillingPeriod) -> [SyntheticBill] {
        guard first < anchor else { return [] }
        return (first.ordinal..<anchor.ordinal).compactMap { bill(for: customer, period: BillingPeriod(ordinal: $0)) }
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
