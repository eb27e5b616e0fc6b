import DCSDomain
import DCSSchema
import Foundation
import GRDB
import Testing
@testable import DCSBanking

/// 10:00 on Friday 10 Oct 2025 in Ho Chi Minh City (the first station's opening day).
let testNow = RFC3339.date(from: "2025-10-10T03:00:00Z")!
let testToday = CivilDate(year: 2025, month: 10, day: 10)!
let defaultService = BankingService()
let traffic = BankingSampleTraffic()
let registry = CitizenRegistry(seed: 2025)

/// An in-memory database with the banking migrations applied.
func makeDatabase() throws -> DatabaseQueue {
    var migrator = DatabaseMigrator()
    BankingService.registerMigrations(&migrator)
    let queue = try DatabaseQueue()
    try migrator.migrate(queue)
    return queue
}

/// What a request came to.
enum Outcome {
    case completed([String: JSONValue])
    case rejected(DomainRejection)

    var data: [String: JSONValue]? {
        if case .completed(let data) = self { return data }
        return nil
    }

    var code: String? {
        if case .rejected(let rejection) = self { return rejection.code }
        return nil
    }

    var rejection: DomainRejection? {
        if case .rejected(let rejection) = self { return rejection }
        return nil
    }
}

/// Handles one request inside a write transaction, as the runtime does.
func run(_ serviceID: BankingServiceID, _ payload: [String: JSONValue], in queue: DatabaseQueue, now: Date = testNow,
         requestID: UUID = UUID(), service: BankingService = defaultService) throws -> Outcome {
    try run(serviceID.rawValue, payload, in: queue, now: now, requestID: requestID, service: service)
}

func run(_ serviceID: String, _ payload: [String: JSONValue], in queue: DatabaseQueue, now: Date = testNow,
         requestID: UUID = UUID(), service: BankingService = defaultService) throws -> Outcome {
    let request = DomainRequest(
        requestID: requestID, serviceID: serviceID, stationID: "dcs-st-27097-01", wardCode: "27097",
        submittedAt: now, now: now, payload: PayloadReader(payload, category: "banking"))
    return try queue.write { db in
        do { return .completed(try service.handle(request, db: db)) } catch let rejection as DomainRejection { return .rejected(rejection) }
    }
}

/// The first registered person from `start` on that satisfies `accept`.
func person(from start: Int = 0, latestBirthYear: Int = 2019, where accept: (CitizenRecord) -> Bool) -> CitizenRecord {
    var index = start
    while true {
        let record = registry.citizen(at: index, latestBirthYear: latestBirthYear)
        if accept(record) { return record }
        index += 1
    }
}

func age(_ record: CitizenRecord, on day: CivilDate = testToday) -> Int { CitizenID.age(born: record.birthDate, on: day) }

/// An adult (30-70 on the test day) with full legal capacity, not born on 29 February.
func adult(from start: Int = 0, where extra: (CitizenRecord) -> Bool = { _ in true }) -> CitizenRecord {
    person(from: start) { (30...70).contains(age($0)) && $0.hasFullLegalCapacity && !($0.birthDate.month == 2 && $0.birthDate.day == 29) && extra($0) }
}

func consent(_ purpose: ConsentPurpose, at time: Date = testNow.addingTimeInterval(-60)) -> JSONValue {
    ["purpose": .string(purpose.rawValue), "granted": true, "granted_at": .string(RFC3339.string(from: time))]
}

/// A complete chip-route account opening for `record`.
func accountPayload(_ record: CitizenRecord, bin: String = "970436", score: Int64 = 92) -> [String: JSONValue] {
    [
        "id_number": .string(record.id.value), "full_name": .string(record.fullName),
        "birth_date": .string(record.birthDate.description), "bank_bin": .string(bin),
        "account_holders": [["id_number": .string(record.id.value)]],
        "chip": ["id_number": .string(record.id.value), "full_name": .string(record.fullName),
                 "birth_date": .string(record.birthDate.description), "verified": true],
        "face_match_score": .integer(score),
        "consent": consent(.biometricData),
    ]
}

/// A complete card application for `record`.
func cardPayload(_ record: CitizenRecord, bin: String = "970407", product: String = "gold",
                 limit: Int64 = 100_000_000) -> [String: JSONValue] {
    [
        "id_number": .string(record.id.value), "full_name": .string(record.fullName),
        "birth_date": .string(record.birthDate.description), "phone_number": .string(record.phone.value),
        "bank_bin": .string(bin), "product": .string(product), "requested_limit": .integer(limit),
        "consent": consent(.financialData),
    ]
}

/// `day` at `hour`:00 in Ho Chi Minh City.
func instant(_ day: CivilDate, hour: Int = 10) -> Date {
    day.startInHoChiMinhCity.addingTimeInterval(TimeInterval(hour * 3600))
}
