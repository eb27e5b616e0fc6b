import DCSDomain
import DCSSchema
import Foundation
import GRDB
import Testing
@testable import DCSHealth

/// The default service (seed 2025), shared: it is immutable.
let testService = HealthService()

/// Wednesday 15 October 2025, 09:00 in Ho Chi Minh City.
let fixedNow = CivilDate(year: 2025, month: 10, day: 15)!.startInHoChiMinhCity.addingTimeInterval(9 * 3600)
let fixedToday = CivilDate.inHoChiMinhCity(fixedNow)

/// An in-memory database with the health migrations applied.
func makeDatabase() throws -> DatabaseQueue {
    let queue = try DatabaseQueue()
    var migrator = DatabaseMigrator()
    HealthService.registerMigrations(&migrator)
    try migrator.migrate(queue)
    return queue
}

/// What a request came to.
enum Outcome {
    case completed([String: JSONValue])
    case rejected(DomainRejection)

    var code: String? { if case .rejected(let rejection) = self { rejection.code } else { nil } }
    var data: [String: JSONValue]? { if case .completed(let data) = self { data } else { nil } }
    var rejection: DomainRejection? { if case .rejected(let rejection) = self { rejection } else { nil } }
}

/// Handles one request inside a write transaction, as the runtime does.
@discardableResult
func run(_ serviceID: String, _ payload: [String: JSONValue], now: Date = fixedNow, submittedAt: Date? = nil,
         requestID: UUID = UUID(), service: HealthService = testService, in queue: DatabaseQueue) throws -> Outcome {
    let request = DomainRequest(
        requestID: requestID, serviceID: serviceID, stationID: "ST-27097-01", wardCode: "27097",
        submittedAt: submittedAt ?? now, now: now, payload: PayloadReader(payload, category: "health"))
    return try queue.write { db in
        do { return .completed(try service.handle(request, db: db)) } catch let rejection as DomainRejection { return .rejected(rejection) }
    }
}

/// Consent as a station records it.
func consent(_ now: Date = fixedNow, purpose: String = "health_data", granted: Bool = true) -> JSONValue {
    .object(["purpose": .string(purpose), "granted": .bool(granted), "granted_at": .string(RFC3339.string(from: now.addingTimeInterval(-60)))])
}

extension JSONValue {
    /// `self[key]` for nested look-ups in expectations.
    func at(_ path: String...) -> JSONValue? {
        var value: JSONValue? = self
        for key in path { value = value?[key] }
        return value
    }
}

/// The `index`-th known citizen with no card through another group (a paying household member).
func payingCitizen(_ index: Int, service: HealthService = testService) -> CitizenRecord {
    var found = 0
    var i = 50_000
    while true {
        let person = service.citizens.citizen(at: i)
        i += 1
        if service.insuranceRegistry.card(for: person, on: fixedToday) == nil {
            if found == index { return person }
            found += 1
        }
    }
}

/// The `index`-th known citizen aged 6+ holding a card through another group.
func insuredCitizen(_ index: Int, service: HealthService = testService) -> CitizenRecord {
    var found = 0
    var i = 60_000
    while true {
        let person = service.citizens.citizen(at: i)
        i += 1
        if let card = service.insuranceRegistry.card(for: person, on: fixedToday), card.group != "TE" {
            if found == index { return person }
            found += 1
        }
    }
}
