import DCSDomain
import DCSSchema
import Foundation
import Testing
@testable import DCSTelecom

@Suite("Synthetic carrier records, timeline arithmetic, local time")
struct SyntheticDataTests {
    @Test func subscriptionsAreDeterministicAndPlausible() throws {
        var counts = [Int](repeating: 0, count: 5)
        var outdated = 0, ported = 0, total = 0
        for index in 0..<1_000 {
            let record = registry.citizen(at: index)
            let subscriptions = directory.subscriptions(for: record)
            #expect(subscriptions == SyntheticCarrierDirectory(seed: 2025).subscriptions(for: record))
            counts[subscriptions.count] += 1
            if record.birthDate.year > 2011 { #expect(subscriptions.isEmpty) }
            if let first = subscriptions.first { #expect(first.phone == record.phone) }
            #expect(Set(subscriptions.map(\.phone)).count == subscriptions.count)
            for subscription in subscriptions {
                total += 1
                if !subscription.outdatedFields.isEmpty { outdated += 1 }
                if subscription.carrier != subscription.phone.prefixCarrier { ported += 1 }
                #expect(subscription.outdatedFields.contains(.fullName) == !PersonName.matches(subscription.heldName, record.fullName))
                #expect(subscription.outdatedFields.contains(.birthDate) == (subscription.heldBirthDate != record.birthDate))
                #expect(subscription.registeredOn.year >= 2008 && subscription.registeredOn.year <= 2024)
                #expect(try PhoneNumber(parsing: subscription.phone.value) == subscription.phone)
            }
            for subscription in subscriptions.dropFirst() { #expect(directory.isAllocated(subscription.phone)) }
        }
        #expect(counts.allSatisfy { $0 > 20 }, "every count from 0 to 4 occurs: \(counts)")
        #expect((15...35).contains(outdated * 100 / total), "about a quarter outdated")
        #expect((4...16).contains(ported * 100 / total), "about a tenth ported")
        // Another seed is another world.
        let record = registry.citizen(at: 1)
        #expect(SyntheticCarrierDirectory(seed: 7).subscriptions(for: CitizenRegistry(seed: 7).citizen(at: 1))
                != directory.subscriptions(for: record) || record != CitizenRegistry(seed: 7).citizen(at: 1))
    }

    @Test func allocatedShareAndFreeNumbers() throws {
        var allocated = 0
        for index in 0..<2_000 {
            let free = directory.freeNumber(at: index)
            let taken = directory.allocatedNumber(at: index)
            #expect(!directory.isAllocated(free) && directory.isAllocated(taken))
            #expect(TelecomCarrier(prefix: free.prefix) != nil)
            if directory.isAllocated(PhoneNumber(unchecked: "09" + CivilDate.pad(index * 4_999, 8))) { allocated += 1 }
        }
        #expect((1_100...1_300).contains(allocated), "about 60% allocated: \(allocated)")
        #expect(directory.freeNumber(at: 5) == SyntheticCarrierDirectory().freeNumber(at: 5))
    }

    @Test func diacriticsAreStripped() {
        #expect(SyntheticCarrierDirectory.withoutDiacritics("Nguyễn Thị Hoa") == "Nguyen Thi Hoa")
        #expect(SyntheticCarrierDirectory.withoutDiacritics("Đặng Đức Hải") == "Dang Duc Hai")
        #expect(SyntheticCarrierDirectory.withoutDiacritics("Trương Mỹ Tuyết") == "Truong My Tuyet")
        #expect(SyntheticCarrierDirectory.withoutDiacritics("Ngô Bảo Châu".decomposedStringWithCanonicalMapping) == "Ngo Bao Chau")
    }

    @Test func timelineArithmeticIsExact() throws {
        // 2026-01-31 23:30 in HCMC = 16:30 UTC: the steps cross a month end and the local midnight.
        let detected = try #require(RFC3339.date(from: "2026-01-31T16:30:00Z"))
        let timeline = testConfiguration.suspensionTimeline(detectedAt: detected)
        #expect(RFC3339.string(from: timeline.outgoingSuspendedAt) == "2026-01-31T18:30:00.000Z")
        #expect(HoChiMinhTime.rfc3339(timeline.outgoingSuspendedAt) == "2026-02-01T01:30:00.000+07:00")
        #expect(RFC3339.string(from: timeline.bothDirectionsBlockedAt) == "2026-03-02T16:30:00.000Z")
        #expect(RFC3339.string(from: timeline.contractTerminatedAt) == "2026-03-07T16:30:00.000Z")
        #expect(timeline.stage(at: detected) == .pending)
        #expect(timeline.stage(at: timeline.outgoingSuspendedAt.addingTimeInterval(-0.001)) == .pending)
        #expect(timeline.stage(at: timeline.outgoingSuspendedAt) == .outgoingSuspended)
        #expect(timeline.stage(at: timeline.bothDirectionsBlockedAt) == .bothDirectionsBlocked)
        #expect(timeline.stage(at: timeline.contractTerminatedAt) == .contractTerminated)
        // Local-time form parses back to the same instant.
        #expect(RFC3339.date(from: HoChiMinhTime.rfc3339(detected)) == detected)
    }

    @Test func lineStatusesAndCounting() {
        #expect(LineStatus.allCases.filter(\.countsAgainstID) == [.active, .suspended])
    }

    @Test func everyRejectionCodeIsCategoryServiceReason() {
        for code in TelecomRejection.Code.allCases {
            #expect(code.rawValue.range(of: #"^telecom\.([a-z]+\.)?[a-z_]+$"#, options: .regularExpression) != nil)
        }
        #expect(Set(TelecomRejection.Code.allCases.map(\.rawValue)).count == TelecomRejection.Code.allCases.count)
    }
}

@Suite("Stale spellings")
struct StaleSpellingTests {
    @Test func aNameWithoutDiacriticsLosesItsMiddleName() {
        #expect(SyntheticCarrierDirectory.staleSpelling("Phan Minh Nam") == "Phan Nam")
        #expect(SyntheticCarrierDirectory.staleSpelling("Phạm Thị Hoa") == "Pham Thi Hoa")
    }
}
