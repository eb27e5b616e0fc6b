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
        let outcome: UtilitiesOutcome
        do {
            let fields = try Self.fields(of: request.payload)
            outcome = try service.handle(
                serviceID: request.serviceID.rawValue, request: fields, requestID: request.requestID, now: now, db: db
            )
        } catch let error as UtilitiesError {
            switch error {
            case .rejected(let rejection): return .rejected(Self.resultError(rejection))
            case .storage(let underlying): throw underlying
            }
        } catch let rejection as UtilitiesRejection {
            // A malformed payload; an unknown service is the more useful answer when both apply.
            if UtilitiesServiceID(rawValue: request.serviceID.rawValue) == nil {
                return .rejected(Self.resultError(.serviceUnknown(request.serviceID.rawValue)))
            }
            return .rejected(Self.resultError(rejection))
        }
        return .completed(data: .encoded(outcome.resultData))
    }

    static func resultError(_ rejection: UtilitiesRejection) -> ResultError {
        ResultError(code: rejection.code.rawValue, message: LocalizedText(vi: rejection.messageVi, en: rejection.messageEn))
    }

    /// Reads the payload fields from the parsed envelope (no second JSON pass).
    static func fields(of payload: [String: JSONValue]) throws(UtilitiesRejection) -> UtilitiesService.RequestPayload {
        func text(_ key: String) throws(UtilitiesRejection) -> String? {
            switch payload[key] {
            case nil, .null?: nil
            case .string(let value)?: value
            default: throw .payloadInvalid("field '\(key)' has the wrong type")
            }
        }
        var amount: Int64?
        switch payload["expected_amount"] {
        case nil, .null?: amount = nil
        case .integer(let value)?: amount = value
        case .number(let value)? where value.rounded() == value && abs(value) < 9e15: amount = Int64(value)
        default: throw .payloadInvalid("field 'expected_amount' has the wrong type")
        }
        return UtilitiesService.RequestPayload(
            customerCode: try text("customer_code"), customerNumber: try text("customer_number"),
            phoneNumber: try text("phone_number"), expectedAmount: amount
        )
    }
}
