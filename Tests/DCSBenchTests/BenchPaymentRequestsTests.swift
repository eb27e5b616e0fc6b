import DCSKafka
import DCSMessages
import DCSUtilities
import DCSWorkerRuntime
import DCSWorkers
import Foundation
import GRDB
import Testing
@testable import DCSBench

/// The pipeline figure claims to measure payments: every request `dcs bench` prepares must pay a
/// bill that is due, each for its own customer, or the run would measure cheaper rejections.
@Suite("Bench payment requests")
struct BenchPaymentRequestsTests {
    private static let anchor = BillingPeriod(year: 2026, month: 11)!
    private static let configuration = UtilitiesConfiguration(customerCount: 2_000, billingAnchor: anchor)

    private static func requests(count: Int, startingAt first: Int = 0) -> [KafkaProducerMessage] {
        Benchmark.paymentRequests(
            count: count, startingAt: first, directory: SyntheticUtilitiesDirectory(configuration: configuration), anchor: anchor,
            secret: SubjectKey.Secret("test"), topic: "dcs.requests.utilities"
        )
    }

    @Test func everyRequestPaysABillThatIsDue() throws {
        // The throughput run's requests, then the latency run's, which start where those end.
        let messages = Self.requests(count: 900) + Self.requests(count: 300, startingAt: 900)
        let handler = UtilitiesRequestHandler(service: UtilitiesService(configuration: Self.configuration))
        let queue = try DatabaseQueue()
        var migrator = DatabaseMigrator()
        handler.registerMigrations(&migrator)
        try migrator.migrate(queue)

        var refusals: [String: Int] = [:]
        var customers = Set<String>()
        try queue.write { db in
            for message in messages {
                let request = try RequestEnvelope.decode(message.value)
                customers.insert(request.payload.values.first.map { "\(request.serviceID.rawValue) \($0)" } ?? "")
                if case .rejected(let error, _) = try handler.handle(request, now: Date(), db: db) {
                    refusals[error.code, default: 0] += 1
                }
            }
        }
        #expect(refusals.isEmpty, "answered other than completed: \(refusals)")
        #expect(customers.count == messages.count, "a customer paid for twice")
    }

    @Test func theCustomersSkippedAreTheOnesWhoOweNothing() {
        let directory = SyntheticUtilitiesDirectory(configuration: Self.configuration)
        let owing = Benchmark.customersOwing(.water, count: 200, directory: directory, anchor: Self.anchor)
        let last = owing.last!.index
        let skipped = (0...last).map { directory.customer(.water, at: $0) }.filter { customer in !owing.contains { $0.index == customer.index } }
        // About one customer in seven has every bill paid elsewhere (30 % a bill, 1-3 bills).
        #expect(!skipped.isEmpty)
        for customer in skipped {
            let owesNothing = directory.bills(for: customer, anchor: Self.anchor).allSatisfy { $0.paidElsewhere }
            #expect(owesNothing, "customer \(customer.index) owes a bill but was skipped")
        }
    }
}
