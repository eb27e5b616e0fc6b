import DCSKafka
import DCSMessages
import DCSSchema
import DCSTestSupport
import DCSWorkerRuntime
import Foundation
import Testing

/// Workers accept only requests signed by a genuine station for a ward it serves; everything else
/// is refused before it is read, never answered, and recorded on the security-events topic.
@Suite("Request authentication")
struct AuthenticationTests {
    static let key = StationKey.generate(keyID: "st-27097-01-2026a", stationID: StationID(rawValue: "ST-27097-01")!, wards: [WardCode(rawValue: "27097")!])
    static let impostor = StationKey.generate(keyID: "st-27097-01-2026a", stationID: StationID(rawValue: "ST-27097-01")!, wards: [WardCode(rawValue: "27097")!])
    static let unknown = StationKey.generate(keyID: "st-99999-01-2026a", stationID: StationID(rawValue: "ST-27097-01")!, wards: [WardCode(rawValue: "27097")!])

    func message(_ fixture: RuntimeFixture, _ request: RequestEnvelope, subject: String, key: StationKey?, at: Date = RuntimeFixture.now,
                 tamper: Bool = false, nonce: String? = nil) throws -> KafkaProducerMessage {
        var value = try request.encoded()
        var headers = [KafkaHeader(key: MessageHeaderName.stationID, string: request.stationID.rawValue)]
        if let key {
            headers += RequestSignature.sign(value, stationID: key.stationID, key: key, at: at, nonce: nonce).headers.map { KafkaHeader(key: $0.0, string: $0.1) }
        }
        if tamper { value = Data(String(decoding: value, as: UTF8.self).replacingOccurrences(of: "lookup", with: "pay").utf8) }
        return KafkaProducerMessage(topic: fixture.catalogue.requestTopic(for: .utilities).name, key: subject, value: value, headers: headers)
    }

    @Test func onlyGenuineFreshRequestsForServedWardsAreProcessed() async throws {
        let fixture = try RuntimeFixture()
        let authenticator = RequestAuthenticator(registry: StationKeyRegistry(keys: [Self.key]), maximumClockSkew: 300)
        let worker = try fixture.worker(authenticator: authenticator)
        let station = try fixture.stationProducer()
        let results = try fixture.reader([fixture.catalogue.resultsTopic.name])
        let events = try fixture.reader([fixture.catalogue.securityEventsTopic.name])
        let customer = fixture.electricity(50)
        func lookup(station: String = "ST-27097-01") -> RequestEnvelope {
            fixture.request("utilities.electricity.lookup", payload: ["customer_code": .string(customer)], station: station)
        }
        let genuine = lookup()
        let replayed = lookup()
        let replayedMessage = try message(fixture, replayed, subject: customer, key: Self.key, nonce: "0123456789abcdef0123456789abcdef")
        let otherWard = fixture.request("utilities.electricity.lookup", payload: ["customer_code": .string(customer)], station: "ST-26740-01")
        let refusedCases: [(KafkaProducerMessage, String)] = [
            (try message(fixture, lookup(), subject: customer, key: nil), "security.unsigned"),
            (try message(fixture, lookup(), subject: customer, key: Self.impostor), "security.signature_invalid"),
            (try message(fixture, lookup(), subject: customer, key: Self.key, tamper: true), "security.signature_invalid"),
            (try message(fixture, lookup(), subject: customer, key: Self.unknown), "security.unknown_key"),
            (try message(fixture, lookup(), subject: customer, key: Self.key, at: RuntimeFixture.now.addingTimeInterval(-900)), "security.expired"),
            // Signed by the Binh Trung station, for a request naming another station in another ward.
            (try message(fixture, otherWard, subject: customer, key: Self.key), "security.station_mismatch"),
            (replayedMessage, "security.replayed"),
        ]
        let (answers, recorded) = try await withServices([station, results, events] + worker.services, logger: fixture.logger) {
            _ = try await station.send(try message(fixture, genuine, subject: customer, key: Self.key))
            _ = try await station.send(replayedMessage)
            for (refused, _) in refusedCases { _ = try await station.send(refused) }
            let recorded = try await collect(events, count: refusedCases.count).map { try SecurityEvent.decode($0.value, schema: fixture.catalogue.schema(forTopic: fixture.catalogue.securityEventsTopic.name)) }
            return (try await collect(results, count: 2).map { try $0.result }, recorded)
        }
        #expect(Set(answers.map(\.requestID)) == [genuine.requestID, replayed.requestID])
        #expect(answers.allSatisfy { $0.status == .completed })
        // Events are keyed by the station they name, so they may come from several partitions.
        #expect(recorded.map(\.reasonCode).sorted() == refusedCases.map(\.1).sorted(), "one event per refusal")
        #expect(recorded.allSatisfy { $0.source == "worker-a" && $0.details?["key_id"] != nil || $0.reasonCode == "security.unsigned" })
        #expect(recorded.first { $0.reasonCode == "security.signature_invalid" }?.kind == .signatureInvalid)
        #expect(recorded.first { $0.reasonCode == "security.replayed" }?.kind == .replayDetected)
        let snapshot = worker.statistics.snapshot
        #expect(snapshot.refused.values.reduce(0, +) == refusedCases.count)
        #expect(snapshot.handledCount == 2, "no refused request reached the handler")
    }

    @Test func wardsOutsideTheKeysAreRefused() throws {
        let authenticator = RequestAuthenticator(registry: StationKeyRegistry(keys: [Self.key]))
        let request = RequestEnvelope(stationID: Self.key.stationID, wardCode: WardCode(rawValue: "26740")!, serviceID: ServiceID(rawValue: "utilities.water.lookup")!, payload: [:])
        let value = try request.encoded()
        let headers = Dictionary(uniqueKeysWithValues: RequestSignature.sign(value, stationID: Self.key.stationID, key: Self.key).headers)
        let verified = try authenticator.verify(value: value, headers: headers, now: Date(), isFleetHop: false).get()
        #expect(authenticator.check(request, against: verified)?.reasonCode == "security.ward_not_served")
    }

    @Test func keyFilesRoundTripAndRefuseWeakSecrets() throws {
        let registry = StationKeyRegistry(keys: [Self.key])
        #expect(try StationKeyRegistry.parse(registry.jsonData()).keys == registry.keys)
        let weak = #"{"keys":[{"key_id":"k","station_id":"ST-27097-01","wards":["27097"],"secret_base64":"c2hvcnQ="}]}"#
        #expect(throws: StationKeyError.self) { try StationKeyRegistry.parse(Data(weak.utf8)) }
    }
}

@Suite("Choosing a station's signing key")
struct SigningKeyChoiceTests {
    @Test func theLiveKeyRetiredLastSignsAndRetiredKeysNever() {
        let station = StationID(rawValue: "ST-27097-01")!
        let ward: Set<WardCode> = [WardCode(rawValue: "27097")!]
        func key(_ id: String, retiredAt: TimeInterval?) -> StationKey {
            StationKey(keyID: id, stationID: station, wards: ward, secret: Array(repeating: 1, count: 32),
                       notAfter: retiredAt.map { Date(timeIntervalSince1970: $0) })
        }
        let now = Date(timeIntervalSince1970: 1_000)
        let registry = StationKeyRegistry(keys: [key("a", retiredAt: 500), key("b", retiredAt: 2_000), key("c", retiredAt: 3_000)])
        #expect(registry.signingKey(for: station, at: now)?.keyID == "c")
        let rotation = StationKeyRegistry(keys: [key("old", retiredAt: 2_000), key("new-1", retiredAt: nil), key("new-2", retiredAt: nil)])
        #expect(rotation.signingKey(for: station, at: now)?.keyID == "new-2", "no deadline beats any deadline; the higher id on a tie")
        #expect(StationKeyRegistry(keys: [key("a", retiredAt: 500)]).signingKey(for: station, at: now) == nil)
        #expect(registry.signingKey(for: StationID(rawValue: "ST-26740-01")!, at: now) == nil)
    }
}
