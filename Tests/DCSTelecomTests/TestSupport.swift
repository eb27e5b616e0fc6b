import DCSDomain
import DCSSchema
import Foundation
import GRDB
@testable import DCSTelecom

/// A fresh in-memory database with the telecom migrations applied.
func makeDatabase() throws -> DatabaseQueue {
    let queue = try DatabaseQueue()
    var migrator = DatabaseMigrator()
    TelecomService.registerMigrations(&migrator)
    try migrator.migrate(queue)
    return queue
}

/// 2026-05-01 10:00 in Ho Chi Minh City (03:00 UTC).
let testNow = Date(timeIntervalSince1970: 1_777_604_400)

let testConfiguration = TelecomConfiguration()
let testService = TelecomService(configuration: testConfiguration)
let traffic = TelecomSampleTraffic(configuration: testConfiguration)
let directory = testService.directory
let registry = testService.registry

typealias Code = TelecomRejection.Code

/// Runs `handle` inside a write transaction as the runtime does: a rejection is an answer, so the
/// transaction still commits (and must therefore have written nothing).
func handle(
    _ serviceID: String, _ payload: [String: JSONValue], now: Date = testNow, submittedAt: Date? = nil,
    requestID: UUID = UUID(), service: TelecomService = testService, in queue: DatabaseQueue
) throws -> Result<[String: JSONValue], DomainRejection> {
    let request = DomainRequest(
        requestID: requestID, serviceID: serviceID, stationID: "station-27097-01", wardCode: "27097",
        submittedAt: submittedAt ?? now, now: now, payload: PayloadReader(payload, category: "telecom"))
    return try queue.write { db in
        do { return .success(try service.handle(request, db: db)) } catch let rejection as DomainRejection { return .failure(rejection) }
    }
}

func handle(
    _ service: TelecomServiceID, _ payload: [String: JSONValue], now: Date = testNow, submittedAt: Date? = nil,
    requestID: UUID = UUID(), with configured: TelecomService = testService, in queue: DatabaseQueue
) throws -> Result<[String: JSONValue], DomainRejection> {
    try handle(service.rawValue, payload, now: now, submittedAt: submittedAt, requestID: requestID, service: configured, in: queue)
}

extension Result where Success == [String: JSONValue], Failure == DomainRejection {
    var code: String? {
        if case .failure(let rejection) = self { return rejection.code }
        return nil
    }
    var rejection: DomainRejection? {
        if case .failure(let rejection) = self { return rejection }
        return nil
    }
    var data: [String: JSONValue]? {
        if case .success(let data) = self { return data }
        return nil
    }
}

func consent(_ now: Date = testNow, purpose: String = "biometric_data", granted: Bool = true, at: Date? = nil) -> JSONValue {
    .object(["purpose": .string(purpose), "granted": .bool(granted),
             "granted_at": .string(RFC3339.string(from: at ?? now.addingTimeInterval(-60)))])
}

/// An identify / disown / register payload for `record` and `phone` (a list payload without
/// `phone`): the proof of identity every service needs, correct unless overridden.
func identityPayload(
    _ record: CitizenRecord, phone: String?, name: String? = nil, birthDate: String? = nil, score: Int64 = 95
) -> [String: JSONValue] {
    var payload: [String: JSONValue] = [
        "id_number": .string(record.id.value),
        "full_name": .string(name ?? record.fullName), "birth_date": .string(birthDate ?? record.birthDate.description),
        "face_match_score": .integer(score), "consent": consent(),
    ]
    if let phone { payload["phone_number"] = .string(phone) }
    return payload
}

/// A list payload for `record`, correct unless overridden.
func listPayload(_ record: CitizenRecord, name: String? = nil, birthDate: String? = nil, score: Int64 = 95) -> [String: JSONValue] {
    identityPayload(record, phone: nil, name: name, birthDate: birthDate, score: score)
}

/// A disown payload for `record` and `phone`, correct unless overridden.
func disownPayload(
    _ record: CitizenRecord, _ phone: PhoneNumber, name: String? = nil, birthDate: String? = nil, score: Int64 = 95
) -> [String: JSONValue] {
    identityPayload(record, phone: phone.value, name: name, birthDate: birthDate, score: score)
}

/// Every row of every telecom table, in a stable order: equal snapshots mean nothing changed.
func snapshot(_ queue: DatabaseQueue) throws -> [String] {
    try queue.read { db in
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'telecom_%' ORDER BY name")
        return try tables.flatMap { table in
            try Row.fetchAll(db, sql: "SELECT * FROM \(table)").map { "\(table): \($0)" }.sorted()
        }
    }
}

/// The first adult known person from `start` whose carrier records satisfy `accept`.
func person(
    from start: Int = 0, _ accept: @escaping (CitizenRecord, [CarrierSubscription]) -> Bool = { _, _ in true }
) -> (record: CitizenRecord, subscriptions: [CarrierSubscription]) {
    traffic.person(from: start) { record, subscriptions in
        CitizenID.age(born: record.birthDate, on: CivilDate.inHoChiMinhCity(testNow)) >= 18 && accept(record, subscriptions)
    }
}

/// The list result's numbers.
func listed(_ record: CitizenRecord, now: Date = testNow, in queue: DatabaseQueue) throws -> [[String: JSONValue]] {
    var payload = listPayload(record)
    payload["consent"] = consent(now)
    let data = try handle(.list, payload, now: now, in: queue).data
    return (data?["numbers"]?.arrayValue ?? []).compactMap(\.objectValue)
}

/// The listed entry of `phone`.
func listedLine(_ record: CitizenRecord, _ phone: PhoneNumber, now: Date = testNow, in queue: DatabaseQueue) throws -> [String: JSONValue]? {
    try listed(record, now: now, in: queue).first { $0["phone_masked"]?.stringValue == phone.masked }
}

func hours(_ count: Double) -> TimeInterval { count * 3600 }
func days(_ count: Double) -> TimeInterval { count * 86_400 }
