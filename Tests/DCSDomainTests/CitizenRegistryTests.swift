import DCSDomain
import Testing

@Suite("Synthetic population registry")
struct CitizenRegistryTests {
    let registry = CitizenRegistry(seed: 2025)

    @Test func deterministicAcrossInstances() {
        for index in 0..<50 {
            #expect(registry.citizen(at: index) == CitizenRegistry(seed: 2025).citizen(at: index))
        }
        #expect(registry.citizen(at: 0) != CitizenRegistry(seed: 7).citizen(at: 0))
    }

    @Test func recordsAgreeWithTheirNumbers() throws {
        for index in 0..<300 {
            let person = registry.citizen(at: index)
            #expect(person.birthDate.year == person.id.birthYear)
            #expect(person.sex == person.id.sex)
            #expect(registry.record(for: person.id) == person)
            #expect(try PhoneNumber(parsing: person.phone.value) == person.phone)
            #expect([1, 2].contains(person.vneidLevel))
            #expect(person.fullName.split(separator: " ").count == 3)
        }
    }

    @Test func someNumbersNameNobody() {
        for index in 0..<20 { #expect(registry.record(for: registry.unknownID(at: index)) == nil) }
        let known = (0..<1_000).filter { registry.record(for: CitizenID(province: "079", sex: .male, birthYear: 1980, serial: $0)) != nil }.count
        #expect((900..<1_000).contains(known))
    }

    @Test func populationIncludesMinorsAndRestrictedCapacity() {
        let people = (0..<2_000).map { registry.citizen(at: $0) }
        #expect(people.contains { $0.birthDate.year >= 2010 })
        #expect(people.contains { !$0.hasFullLegalCapacity })
        #expect(people.contains { $0.vneidLevel == 1 })
    }
}
