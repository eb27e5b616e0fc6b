import DCSDomain
import DCSSchema
import Foundation
import GRDB
import Testing
@testable import DCSAdministrative

let testService = AdministrativeService()

/// What a request got back.
enum Outcome {
    case completed([String: JSONValue])
    case rejected(DomainRejection)

    var code: String? { if case .rejected(let r) = self { r.code } else { nil } }
    var data: [String: JSONValue]? { if case .completed(let d) = self { d } else { nil } }
    var rejection: DomainRejection? { if case .rejected(let r) = self { r } else { nil } }
}

func makeDatabase() throws -> DatabaseQueue {
    let queue = try DatabaseQueue()
    var migrator = DatabaseMigrator()
    AdministrativeService.registerMigrations(&migrator)
    try migrator.migrate(queue)
    return queue
}

/// An instant in Ho Chi Minh City.
func hcmc(_ date: String, _ hour: Int = 10, _ minute: Int = 0) -> Date {
    CivilDate(parsing: date)!.startInHoChiMinhCity.addingTimeInterval(TimeInterval(hour * 3600 + minute * 60))
}

/// Wednesday 15 Oct 2025, 10:00 in HCMC.
let wednesday = hcmc("2025-10-15")

@discardableResult
func run(_ serviceID: String, _ payload: [String: JSONValue], in queue: DatabaseQueue, now: Date = wednesday,
         ward: String = "27097", service: AdministrativeService = testService) throws -> Outcome {
    let request = DomainRequest(requestID: UUID(), serviceID: serviceID, stationID: "DCS-27097-01", wardCode: ward,
                                submittedAt: now, now: now, payload: PayloadReader(payload, category: "administrative"))
    return try queue.write { db in
        do { return .completed(try service.handle(request, db: db)) } catch let rejection as DomainRejection { return .rejected(rejection) }
    }
}

func sha(_ text: String) -> String { Digest.hex(Digest.sha256(Array(text.utf8))) }

func doc(_ type: String, _ salt: String = "", mime: String = "application/pdf", size: Int64 = 200_000) -> JSONValue {
    ["name": .string("\(type).pdf"), "document_type": .string(type), "mime_type": .string(mime), "size_bytes": .integer(size),
     "sha256": .string(sha(type + salt))]
}

/// Bình Trưng ward People's Committee.
let wardAgency = "30.10.H29"

/// An adult citizen of the synthetic registry.
func adult(_ index: Int) -> CitizenRecord { testService.registry.citizen(at: 70_000 + index, latestBirthYear: 1990) }

/// A valid birth registration at `wardAgency`.
func birthRegistration(_ applicant: CitizenRecord = adult(0), copies: Int64 = 3, salt: String = "") -> [String: JSONValue] {
    ["agency_code": .string(wardAgency), "procedure_code": "1.001193", "applicant_id_number": .string(applicant.id.value),
     "channel": "counter", "copies": .integer(copies),
     "documents": [doc("application_form", salt), doc("birth_certificate", salt)]]
}

/// The first counter dossier (at or before `now`) satisfying `accept`.
func counterDossier(now: Date = wednesday, _ accept: (CounterDossier, DossierProgress) -> Bool) -> CounterDossier {
    let book = testService.counterDossiers
    let today = CivilDate.inHoChiMinhCity(now)
    for agency in testService.agencies.agencies {
        for back in 1..<60 {
            let day = today.adding(days: -back)
            for sequence in stride(from: 1, through: book.count(agencyCode: agency.code, on: day), by: 1) {
                let code = DossierCode(agencyCode: agency.code, receivedOn: day, sequence: sequence)
                if let dossier = book.dossier(code, today: today), accept(dossier, book.projectedProgress(of: dossier, at: now)) {
                    return dossier
                }
            }
        }
    }
    fatalError("no counter dossier matches")
}

func lookup(_ dossier: CounterDossier) -> [String: JSONValue] {
    ["dossier_code": .string(dossier.code.description), "applicant_id_number": .string(dossier.applicant.id.value)]
}

extension Dictionary where Key == String, Value == JSONValue {
    func int(_ key: String) -> Int64? { self[key]?.int64Value }
    func str(_ key: String) -> String? { self[key]?.stringValue }
    var statusCode: Int64? { self["status"]?["code"]?.int64Value }
}
