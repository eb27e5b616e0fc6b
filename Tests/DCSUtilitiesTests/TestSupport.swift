import Foundation
import GRDB
@testable import DCSUtilities

/// A fresh in-memory database with the utilities migrations applied.
func makeDatabase() throws -> DatabaseQueue {
    let queue = try DatabaseQueue()
    var migrator = DatabaseMigrator()
    UtilitiesService.registerMigrations(&migrator)
    try migrator.migrate(queue)
    return queue
}

/// 2025-10-15 10:00 in Ho Chi Minh City: bills are for 2025-07...2025-09.
let testNow = Date(timeIntervalSince1970: 1_760_497_200)

let testService = UtilitiesService(configuration: UtilitiesConfiguration(seed: 2025, customerCount: 2_000))

extension UtilitiesError {
    var code: UtilitiesRejection.Code? { rejection?.code }
}

/// Runs `handle` with a JSON payload inside a write transaction, like the runtime does.
func handle(
    _ serviceID: String, _ payload: String, service: UtilitiesService = testService,
    requestID: UUID = UUID(), now: Date = testNow, in queue: DatabaseQueue
) throws -> Result<UtilitiesOutcome, UtilitiesError> {
    try queue.write { db in
        do {
            return .success(try service.handle(serviceID: serviceID, payload: Data(payload.utf8),
                                               requestID: requestID, now: now, db: db))
        } catch let error as UtilitiesError {
            return .failure(error)
        }
    }
}

extension Result where Success == UtilitiesOutcome, Failure == UtilitiesError {
    var rejectionCode: UtilitiesRejection.Code? {
        if case .failure(let error) = self { return error.code }
        return nil
    }

    var lookup: BillLookupResult? {
        if case .success(.lookup(let result)) = self { return result }
        return nil
    }

    var payment: BillPaymentResult? {
        if case .success(.payment(let result)) = self { return result }
        return nil
    }
}

/// The payload field name and JSON for a customer reference.
func payload(_ customer: SyntheticCustomer, expectedAmount: Int64? = nil) -> String {
    let field = switch customer.kind {
    case .electricity: "customer_code"
    case .water: "customer_number"
    case .telecom: "phone_number"
    }
    let amount = expectedAmount.map { ", \"expected_amount\": \($0)" } ?? ""
    return "{\"\(field)\": \"\(customer.reference)\"\(amount)}"
}
