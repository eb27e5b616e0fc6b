import DCSCatalogue
import DCSMessages
import DCSSchema
import Foundation
import Testing

@Suite("Wire envelopes")
struct EnvelopeTests {
    static let request = RequestEnvelope(
        requestID: UUID(uuidString: "5B0E7C1A-3F2D-4C6B-9A8E-1D2C3B4A5F60")!,
        stationID: try! StationID("ST-27097-01"),
        wardCode: try! WardCode("27097"),
        serviceID: try! ServiceID("utilities.electricity.pay"),
        submittedAt: Date(timeIntervalSince1970: 1_760_059_800.123),
        payload: ["customer_code": "PE04001234567", "amount_vnd": 412_560],
        replyPartition: 7,
        attempt: 1)

    static func catalogue() throws -> TopicCatalogue { try TopicCatalogue.load(directory: RepoTopics.directory) }

    @Test func requestRoundTripAndWireForm() throws {
        let data = try Self.request.encoded()
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""request_id":"5b0e7c1a-3f2d-4c6b-9a8e-1d2c3b4a5f60""#))
        #expect(text.contains(#""submitted_at":"2025-10-10T01:30:00.123Z""#))
        let keys = try #require(try JSONValue(parsing: data).objectValue).keys.sorted()
        #expect(keys == ["attempt", "payload", "reply_partition", "request_id", "schema_version", "service_id", "station_id", "submitted_at", "ward_code"])
        let schema = try #require(try Self.catalogue().schema(forTopic: "dcs.requests.utilities"))
        #expect(schema.validate(try JSONValue(parsing: data)) == [])
        let back = try RequestEnvelope.decode(data, schema: schema)
        #expect(back.requestID == Self.request.requestID)
        #expect(back.payload == Self.request.payload)
        #expect(abs(back.submittedAt.timeIntervalSince(Self.request.submittedAt)) < 0.001)
        #expect(try back.encoded() == data)
    }

    @Test func decodingAcceptsAnyRFC3339Form() throws {
        let text = #"{"request_id":"5b0e7c1a-3f2d-4c6b-9a8e-1d2c3b4a5f60","station_id":"ST-27097-01","ward_code":"27097","service_id":"health.insurance.buy","submitted_at":"2025-10-10T08:30:00+07:00","schema_version":1,"payload":{}}"#
        let r = try RequestEnvelope.decode(Data(text.utf8))
        #expect(r.submittedAt == Date(timeIntervalSince1970: 1_760_059_800))
        #expect(r.category == .health)
        #expect(r.replyPartition == nil && r.attempt == nil)
    }

    @Test func decodeErrorsHaveStableCodes() throws {
        let schema = try Self.catalogue().schema(forTopic: "dcs.requests.utilities")
        func code(_ text: String, schema: JSONSchema? = nil) -> EnvelopeError.Code? {
            do { _ = try RequestEnvelope.decode(Data(text.utf8), schema: schema); return nil } catch { return error.code }
        }
        #expect(code("not json") == .malformedJSON)
        #expect(code("[1]") == .malformedJSON)
        #expect(code(#"{"schema_version": 2}"#, schema: schema) == .unsupportedSchemaVersion)
        #expect(code(#"{"schema_version": 1}"#, schema: schema) == .schemaViolation)
        #expect(code(#"{"schema_version": 1}"#) == .invalidField)
        let badWard = #"{"request_id":"5b0e7c1a-3f2d-4c6b-9a8e-1d2c3b4a5f60","station_id":"ST-27097-01","ward_code":"2709","service_id":"health.insurance.buy","submitted_at":"2025-10-10T08:30:00Z","schema_version":1,"payload":{}}"#
        #expect(code(badWard) == .invalidField)
        do {
            _ = try RequestEnvelope.decode(Data(badWard.utf8), schema: schema)
        } catch {
            #expect(error.code == .schemaViolation)
            #expect(error.violations.contains { $0.instancePath == "/ward_code" && $0.keyword == "pattern" })
        }
        #expect(EnvelopeError.Code.schemaViolation.rawValue == "envelope.schema_violation")
    }

    @Test func resultInvariantAndRoundTrip() throws {
        let err = ResultError(code: "utilities.electricity.customer_not_found", message: LocalizedText(vi: "Không tìm thấy mã khách hàng.", en: "Customer code not found."))
        let rejected = ResultEnvelope.rejected(Self.request, error: err, at: Date(timeIntervalSince1970: 1_760_059_801))
        let data = try rejected.encoded()
        let schema = try Self.catalogue().schema(forTopic: "dcs.results")
        #expect(try ResultEnvelope.decode(data, schema: schema) == rejected)
        #expect(String(decoding: data, as: UTF8.self).contains(#""status":"rejected""#))
        let review = ResultEnvelope.underReview(Self.request, data: ["next_step": "in_person_verification"], at: Date(timeIntervalSince1970: 1_760_059_801))
        #expect(String(decoding: try review.encoded(), as: UTF8.self).contains(#""status":"under_review""#))
        #expect(throws: EnvelopeError.self) {
            try ResultEnvelope(requestID: UUID(), stationID: Self.request.stationID, wardCode: Self.request.wardCode, serviceID: Self.request.serviceID, status: .failed)
        }
        #expect(throws: EnvelopeError.self) {
            try ResultEnvelope(requestID: UUID(), stationID: Self.request.stationID, wardCode: Self.request.wardCode, serviceID: Self.request.serviceID, status: .completed, error: err)
        }
        // Decoding enforces the invariant too, even without a schema.
        let failedNoError = #"{"request_id":"5b0e7c1a-3f2d-4c6b-9a8e-1d2c3b4a5f60","station_id":"ST-27097-01","ward_code":"27097","service_id":"utilities.electricity.pay","status":"failed","processed_at":"2025-10-10T01:30:01Z","schema_version":1}"#
        #expect(throws: EnvelopeError.self) { try ResultEnvelope.decode(Data(failedNoError.utf8)) }
    }

    @Test func deadLetterKeepsBytesReadable() throws {
        let record = DeadLetterRecord(
            original: .init(
                topic: "dcs.requests.banking", partition: 3, offset: 99, timestamp: Date(timeIntervalSince1970: 1_760_059_800),
                key: Data("hmac:abc".utf8), value: Data([0xFF, 0xFE, 0x00]),
                headers: [.init(key: MessageHeaderName.traceparent, text: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"), .init(key: "bin", value: Data([0xC3]))]),
            failure: .init(failureClass: .undecodable, reasonCode: "envelope.malformed_json", message: "not JSON"),
            attempts: 1, firstFailureAt: Date(timeIntervalSince1970: 1_760_059_801), lastFailureAt: Date(timeIntervalSince1970: 1_760_059_801),
            consumerGroup: "dcs-worker-banking", workerInstance: "worker-banking-0",
            traceID: "4bf92f3577b34da6a3ce929d0e0e4736", requestID: UUID())
        let data = try record.encoded()
        let json = try JSONValue(parsing: data)
        #expect(json["original"]?["key"] == "hmac:abc")
        #expect(json["original"]?["value"] == nil)
        #expect(json["original"]?["value_base64"] == .string(Data([0xFF, 0xFE, 0x00]).base64EncodedString()))
        #expect(json["original"]?["headers"]?[1]?["value_base64"] == "ww==")
        #expect(json["failure"]?["class"] == "undecodable")
        let schema = try Self.catalogue().schema(forTopic: "dcs.dlq.banking")
        #expect(try DeadLetterRecord.decode(data, schema: schema) == record)
        #expect(record.deadLetterID == "dcs.requests.banking:3:99")
    }
}

@Suite("Identifiers and trace context")
struct IdentifierTests {
    @Test func serviceIDParts() throws {
        let id = try ServiceID("utilities.electricity.pay")
        #expect(id.category == .utilities && id.service == "electricity" && id.action == "pay")
        #expect(try ServiceID(category: .administrative, service: "dossier", action: "status").rawValue == "administrative.dossier.status")
    }

    @Test(arguments: [
        "utilities.electricity", "insurance.car.buy", "utilities.Electricity.pay", "utilities.electricity.pay.now", "utilities..pay",
        "utilities.1bill.pay", "", "utilities.electricity.pay-now", ".electricity.pay", "utilities.electricity.", "...",
        "utilities.électricity.pay", "utilities.e\u{301}.pay", "utilities.\u{301}water.pay", "utilities .water.pay",
    ])
    func invalidServiceID(_ text: String) {
        #expect(throws: IdentifierError.self) { try ServiceID(text) }
        #expect(ServiceID(rawValue: text) == nil)
    }

    @Test(arguments: ["2709", "270977", "2709a", " 27097", "２７０９７"])
    func invalidWardCode(_ text: String) {
        do { _ = try WardCode(text); Issue.record("accepted \(text)") } catch { #expect(error.code == .invalidWardCode) }
    }

    @Test(arguments: ["st-27097-01", "-ST1", "ST", "ST_27097", String(repeating: "A", count: 65), "ST 1"])
    func invalidStationID(_ text: String) {
        do { _ = try StationID(text); Issue.record("accepted \(text)") } catch { #expect(error.code == .invalidStationID) }
    }

    @Test func validIdentifiers() throws {
        #expect(try WardCode("27097").rawValue == "27097")
        #expect(try StationID("ST-27097-01").rawValue == "ST-27097-01")
        #expect(try StationID(String(repeating: "A", count: 64)).rawValue.count == 64)
    }

    @Test func codableRejectsInvalidIdentifiers() {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([WardCode].self, from: Data(#"["2709"]"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([StationID].self, from: Data(#"["st-1"]"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ServiceID].self, from: Data(#"["a.b.c"]"#.utf8)) }
    }

    @Test func traceParentParseAndFormat() throws {
        let header = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        let t = try #require(TraceParent(parsing: header))
        #expect(t.traceID == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(t.spanID == "00f067aa0ba902b7")
        #expect(t.isSampled)
        #expect(t.headerValue == header)
        let child = t.child()
        #expect(child.traceID == t.traceID && child.spanID != t.spanID && child.flags == t.flags)
        let fresh = TraceParent.random(sampled: false)
        #expect(TraceParent(parsing: fresh.headerValue) == fresh)
        #expect(!fresh.isSampled)
        #expect(fresh.headerValue.hasSuffix("-00"))
    }

    @Test func everyFlagsByteIsWrittenAsTwoLowerCaseHexDigitsAndReadBack() throws {
        for flags in UInt8.min...UInt8.max {
            let t = try #require(TraceParent(traceID: "4bf92f3577b34da6a3ce929d0e0e4736", spanID: "00f067aa0ba902b7", flags: flags))
            let hex = String(flags, radix: 16)
            #expect(t.headerValue == "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-" + (hex.count == 1 ? "0" + hex : hex))
            #expect(TraceParent(parsing: t.headerValue) == t)
        }
    }

    @Test func randomTraceAndSpanIDsAreValidAndDistinct() async {
        // From several threads at once: the generator is shared by the process.
        let headers = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<4 {
                group.addTask { (0..<2_500).map { _ in TraceParent.random().child().headerValue } }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        let parsed = headers.compactMap(TraceParent.init(parsing:))
        #expect(parsed.count == 10_000)
        #expect(Set(parsed.map(\.traceID)).count == 10_000)
        #expect(Set(parsed.map(\.spanID)).count == 10_000)
        // Every hex digit turns up in every position of the trace id, as random digits would.
        for position in 0..<32 {
            let digits = Set(parsed.map { Array($0.traceID.utf8)[position] })
            #expect(digits.count == 16, "position \(position)")
        }
    }

    @Test(arguments: [
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
        "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0G", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0A",
        "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7_01", "00-4bf92f3577b34da6a3ce929d0e0e473é-00f067aa0ba902b-01",
        "00-4bf92f3577b34da6a3-e929d0e0e4736-00f067aa0ba902b7-01", "",
    ])
    func invalidTraceParent(_ header: String) {
        #expect(TraceParent(parsing: header) == nil)
    }

    @Test func headerNames() {
        #expect(MessageHeaderName.all == ["dcs-request-id", "dcs-station-id", "dcs-service-id", "dcs-schema-version", "traceparent", "dcs-attempt", "dcs-retry-tier", "dcs-first-failure-at", "dcs-replay-of"])
    }
}
