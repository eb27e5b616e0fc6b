import DCSKafka
import DCSMessages
import DCSSimulator
import DCSUtilities
import Foundation
import Testing
@testable import DCSBench

/// `dcs bench --secured` measures a worker that checks station signatures: every request it sends
/// must pass that check, or the run would measure refusals (and wait for answers that never come).
@Suite("Bench requests in the production setting")
struct SignedBenchRequestsTests {
    private static func headers(_ message: KafkaProducerMessage) -> [String: String] {
        Dictionary(message.headers.map { ($0.key, $0.stringValue ?? "") }, uniquingKeysWith: { _, last in last })
    }

    @Test func everySignedRequestPassesTheWorkersCheck() {
        let registry = SimulatedStation.keys(for: SimulatedStation.fleet(count: Benchmark.stationCount))
        let authenticator = RequestAuthenticator(registry: registry)
        let requests = Benchmark.paymentRequests(
            count: 450, directory: SyntheticUtilitiesDirectory(), anchor: BillingPeriod(year: 2026, month: 11)!,
            secret: SubjectKey.Secret("test"), topic: "dcs.requests.utilities", signing: Benchmark.signingKeys(registry)
        )
        let refusals = requests.compactMap { message -> String? in
            if case .failure(let refusal) = authenticator.verify(value: message.value, headers: Self.headers(message), now: Date(), isFleetHop: false) {
                return refusal.reasonCode
            }
            return nil
        }
        #expect(requests.count == 450)
        let refused = refusals.count
        #expect(refused == 0, "refusals: \(Set(refusals).sorted())")
    }

    @Test func withoutKeysTheRequestsAreUnsigned() {
        let requests = Benchmark.paymentRequests(
            count: 3, directory: SyntheticUtilitiesDirectory(), anchor: BillingPeriod(year: 2026, month: 11)!, secret: SubjectKey.Secret("test"),
            topic: "t"
        )
        let authenticator = RequestAuthenticator(registry: StationKeyRegistry(keys: []))
        for message in requests {
            guard case .failure(let refusal) = authenticator.verify(value: message.value, headers: Self.headers(message), now: Date(), isFleetHop: false) else {
                Issue.record("an unsigned request passed")
                continue
            }
            #expect(refusal.reasonCode == "security.unsigned")
        }
    }
}
