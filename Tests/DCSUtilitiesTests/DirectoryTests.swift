import DCSDomain
import Testing
@testable import DCSUtilities

@Suite("Synthetic directory")
struct DirectoryTests {
    let directory = SyntheticUtilitiesDirectory(seed: 2025, customerCount: 10_000)

    @Test("every generated customer exists", arguments: UtilityKind.allCases)
    func generatedCustomersExist(kind: UtilityKind) throws {
        let customers = directory.customers(kind)
        #expect(customers.count == 10_000)
        #expect(Set(customers.map(\.reference)).count == 10_000)
        for customer in customers {
            let found: SyntheticCustomer? = switch kind {
            case .electricity: directory.customer(electricity: try ElectricityCustomerCode.parse(customer.reference))
            case .water: directory.customer(water: try WaterCustomerNumber(parsing: customer.reference))
            case .telecom: directory.customer(telecom: try PhoneNumber(parsing: customer.reference))
            }
            #expect(found == customer)
        }
    }

    @Test func generatedReferencesAreWellFormedAndServed() {
        let electricity = directory.customers(.electricity, count: 500)
        let prefixes = Set(electricity.map { String($0.reference.prefix(2)) })
        #expect(prefixes == ["PE", "PB"])
        for customer in electricity where customer.reference.hasPrefix("PE") {
            let unit = Int(customer.reference.dropFirst(2).prefix(2))!
            #expect((1...19).contains(unit))
        }
        #expect(directory.customers(.water, count: 500).allSatisfy { $0.persons.map { (1...6).contains($0) } == true })
        // Some subscribers have ported their number away from the prefix's carrier.
        let telecom = directory.customers(.telecom, count: 500)
        let ported = telecom.filter { $0.carrier != $0.phoneNumber!.prefixCarrier }
        #expect(!ported.isEmpty && ported.count < 150)
    }

    @Test func randomWellFormedReferencesMostlyDoNotExist() throws {
        var rng = SplitMix64(seed: 99)
        var found = 0
        for _ in 0..<3_000 {
            let serial = CivilDate.pad(Int(rng.next(below: 10_000_000)), 7)
            let unit = CivilDate.pad(Int(rng.int(in: 1...19)), 2)
            if directory.customer(electricity: try ElectricityCustomerCode.parse("PE\(unit)00\(serial)")) != nil { found += 1 }
            let water = CivilDate.pad(Int(rng.next(below: 100_000_000_000)), 11)
            if directory.customer(water: try WaterCustomerNumber(parsing: water)) != nil { found += 1 }
            let prefix = TelecomCarrier.allPrefixes[Int(rng.next(below: UInt64(TelecomCarrier.allPrefixes.count)))]
            if directory.customer(telecom: try PhoneNumber(parsing: prefix + serial)) != nil { found += 1 }
        }
        // Expected about 0.2 of 9,000 with 10,000 customers per kind.
        #expect(found <= 5)
    }

    @Test func theSerialAloneIsNotEnough() throws {
        // Same serial under another unit or prefix: a different (non-existent) customer.
        for customer in directory.customers(.electricity, count: 200) {
            let otherUnit = customer.reference.hasPrefix("PB") ? "PE0100" : "PB0000"
            let code = try ElectricityCustomerCode.parse(otherUnit + customer.reference.suffix(7))
            #expect(directory.customer(electricity: code) == nil)
        }
        for customer in directory.customers(.telecom, count: 200) {
            let otherPrefix = customer.reference.hasPrefix("055") ? "087" : "055"
            #expect(directory.customer(telecom: try PhoneNumber(parsing: otherPrefix + customer.reference.suffix(7))) == nil)
        }
    }

    @Test func sameSeedSameData_differentSeedDifferentData() {
        let again = SyntheticUtilitiesDirectory(seed: 2025, customerCount: 10_000)
        let other = SyntheticUtilitiesDirectory(seed: 7, customerCount: 10_000)
        for kind in UtilityKind.allCases {
            #expect(directory.customers(kind, count: 100) == again.customers(kind, count: 100))
            let anchor = BillingPeriod("2025-10")!
            #expect(directory.customers(kind, count: 50).map { directory.bills(for: $0, anchor: anchor) }
                    == again.customers(kind, count: 50).map { again.bills(for: $0, anchor: anchor) })
            let otherReferences = Set(other.customers(kind, count: 1_000).map(\.reference))
            #expect(otherReferences.intersection(directory.customers(kind, count: 1_000).map(\.reference)).count < 10)
        }
        // Serial-only check, no unit: seed 7's customers are not seed 2025's.
        let foreign = other.customers(.water, count: 1_000).filter { directory.customer(water: $0.waterNumber!) != nil }
        #expect(foreign.count < 5)
    }

    @Test func billsCoverOneToThreePeriodsBeforeTheAnchor() {
        let anchor = BillingPeriod("2025-10")!
        var counts = Set<Int>()
        var paidElsewhere = 0, total = 0
        for customer in directory.customers(.electricity, count: 300) {
            let bills = directory.bills(for: customer, anchor: anchor)
            counts.insert(bills.count)
            #expect(bills.map(\.period) == bills.map(\.period).sorted())
            #expect(bills.allSatisfy { $0.period < anchor && $0.period >= anchor.advanced(by: -3) })
            for bill in bills {
                #expect(bill.charges == ElectricityTariffSchedule.evnResidential.tariff(for: bill.period)!.charges(forKWh: bill.consumption!))
                total += 1
                if bill.paidElsewhere { paidElsewhere += 1 }
            }
        }
        #expect(counts == [1, 2, 3])
        #expect(paidElsewhere > total / 10 && paidElsewhere < total / 2)
    }
}
