import DCSDomain
import DCSMessages
import DCSSchema
import DCSWorkerRuntime
import Foundation
import GRDB

/// Adapts a Kafka-agnostic ``CategoryService`` to the worker runtime: envelope in, typed outcome out.
///
/// A ``DomainRejection`` becomes a `rejected` result with its stable code and both languages; an
/// unknown service id is answered before the payload is looked at (the more useful complaint when
/// both apply); any other error propagates, so the runtime rolls the request back and dead-letters it.
public struct CategoryRequestHandler<Service: CategoryService>: RequestHandler {
    public let service: Service
    private let known: Set<String>

    public init(_ service: Service) {
        self.service = service
        self.known = Set(Service.serviceIDs)
    }

    public var category: ServiceCategory { Service.category }

    public func registerMigrations(_ migrator: inout DatabaseMigrator) {
        Service.registerMigrations(&migrator)
    }

    public func handle(_ request: RequestEnvelope, now: Date, db: Database) throws -> HandlerOutcome {
        let category = Service.category.rawValue
        guard known.contains(request.serviceID.rawValue) else {
            return .rejected(Self.resultError(.serviceUnknown(category: category, request.serviceID.rawValue)))
        }
        let domainRequest = DomainRequest(
            requestID: request.requestID, serviceID: request.serviceID.rawValue, stationID: request.stationID.rawValue,
            wardCode: request.wardCode.rawValue, submittedAt: request.submittedAt, now: now,
            payload: PayloadReader(request.payload, category: category))
        do {
            return .completed(data: .members(try service.handle(domainRequest, db: db)))
        } catch let rejection as DomainRejection {
            return .rejected(Self.resultError(rejection), data: rejection.details.map(ResultData.members))
        }
    }

    static func resultError(_ rejection: DomainRejection) -> ResultError {
        ResultError(code: rejection.code, message: LocalizedText(vi: rejection.messageVi, en: rejection.messageEn))
    }
}
