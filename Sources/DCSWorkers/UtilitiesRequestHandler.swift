import DCSMessages
import DCSSchema
import DCSUtilities
import DCSWorkerRuntime
import Foundation
import GRDB

/// Electricity, water and telecom bills: the utilities domain behind the worker runtime.
public struct UtilitiesRequestHandler: RequestHandler {
    public let service: UtilitiesService
    public var category: ServiceCategory { .utilities }

    public init(service: UtilitiesService = UtilitiesService()) {
        self.service = service
    }

    public func registerMigrations(_ migrator: inout DatabaseMigrator) {
        UtilitiesService.registerMigrations(&migrator)
    }

    public func handle(_ request: RequestEnvelope, now: Date, db: Database) throws -> HandlerOutcome {
        let payload = JSONValue.object(request.payload).jsonData()
        let outcome: UtilitiesOutcome
        do {
            outcome = try service.handle(
                serviceID: request.serviceID.rawValue, payload: payload, requestID: request.requestID, now: now, db: db
            )
        } catch {
            switch error {
            case .rejected(let rejection):
                return .rejected(ResultError(
                    code: rejection.code.rawValue,
                    message: LocalizedText(vi: rejection.messageVi, en: rejection.messageEn)
                ))
            case .storage(let underlying):
                throw underlying
            }
        }
        return .completed(data: try JSONValue(parsing: outcome.jsonData()).objectValue)
    }
}
