import DCSMessages
import DCSStation
import Foundation
import Testing

@Suite("Signing at publication")
struct SigningTests {
    static let key = StationKey.generate(keyID: "st-27097-01-test", stationID: StationID(rawValue: "ST-27097-01")!, wards: [WardCode(rawValue: "27097")!])

    func entry() throws -> OutboxEntry {
        let request = RequestEnvelope(stationID: Self.key.stationID, wardCode: WardCode(rawValue: "27097")!,
                                      serviceID: ServiceID(rawValue: "utilities.water.lookup")!, payload: ["customer_number": "13051234567"])
        return OutboxEntry(
            sequence: 1, requestID: request.requestID, stationID: request.stationID, serviceID: request.serviceID, topic: "dcs.requests.utilities",
            key: "k", value: try request.encoded(), traceparent: TraceParent.random().headerValue, createdAt: Date(), attempts: 0, sentAt: nil)
    }

    @Test func aSignedRecordPassesTheWorkersCheckAndEachPublicationGetsItsOwnNonce() throws {
        let entry = try entry()
        let authenticator = RequestAuthenticator(registry: StationKeyRegistry(keys: [Self.key]))
        let first = entry.message(signedWith: Self.key)
        let second = entry.message(signedWith: Self.key)
        let firstHeaders = Dictionary(first.headers.compactMap { h in h.stringValue.map { (h.key, $0) } }, uniquingKeysWith: { $1 })
        let secondHeaders = Dictionary(second.headers.compactMap { h in h.stringValue.map { (h.key, $0) } }, uniquingKeysWith: { $1 })
        #expect(first.value == second.value, "a resend carries the same bytes, so the same request id")
        #expect(firstHeaders[RequestSignature.nonceHeader] != secondHeaders[RequestSignature.nonceHeader])
        #expect((try? authenticator.verify(value: first.value, headers: firstHeaders, now: Date(), isFleetHop: false).get()) != nil)
        // Unsigned, it is refused.
        let unsigned = Dictionary(entry.message.headers.compactMap { h in h.stringValue.map { (h.key, $0) } }, uniquingKeysWith: { $1 })
        #expect(throws: RequestAuthenticator.Refusal.unsigned()) { try authenticator.verify(value: entry.value, headers: unsigned, now: Date(), isFleetHop: false).get() }
    }
}
