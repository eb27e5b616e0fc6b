import DCSCatalogue
import DCSMessages
import DCSSchema
import Foundation
import Testing

/// The hand-written JSON paths of the hot envelopes must agree with their `Codable` forms.
@Suite("Envelope fast paths agree with Codable")
struct EnvelopeFastPathTests {
    let request = RequestEnvelope(
        stationID: StationID(rawValue: "ST-27097-01")!, wardCode: WardCode(rawValue: "27097")!,
        serviceID: ServiceID(rawValue: "utilities.electricity.pay")!, submittedAt: Date(timeIntervalSince1970: 1_763_200_000.123),
        payload: ["customer_code": "PE04001234567", "expected_amount": 123_456, "note": "Nguyễn \"x\""], replyPartition: 7, attempt: 2
    )

    @Test func requestEncodingAndDecodingMatch() throws {
        let fast = try request.encoded()
        let codable = try DCSJSON.makeEncoder().encode(request)
        #expect(try JSONValue(parsing: fast) == JSONValue(parsing: codable))
        #expect(RequestEnvelope.fromJSON(try JSONValue(parsing: codable)) == (try DCSJSON.makeDecoder().decode(RequestEnvelope.self, from: codable)))
        #expect(try RequestEnvelope.decode(fast) == request)
    }

    @Test func resultEncodingAndDecodingMatch() throws {
        for result in [
            ResultEnvelope.completed(request, data: ["amount_paid": 1_000, "bill": ["bill_id": "EL-1"]], at: Date(timeIntervalSince1970: 1_763_200_001)),
            ResultEnvelope.rejected(request, error: ResultError(code: "utilities.bill.nothing_due", message: LocalizedText(vi: "Không có hoá đơn", en: "Nothing due")), at: Date(timeIntervalSince1970: 1_763_200_002)),
            ResultEnvelope.underReview(request, error: ResultError(code: "worker.retries_exhausted", message: LocalizedText(vi: "Đang xem xét", en: "Under review")), at: Date(timeIntervalSince1970: 1_763_200_003.5)),
        ] {
            let fast = try result.encoded()
            let codable = try DCSJSON.makeEncoder().encode(result)
            #expect(try JSONValue(parsing: fast) == JSONValue(parsing: codable))
            // Written member by member in key order: byte for byte what the value tree gives.
            #expect(fast == result.jsonValue!.jsonData())
            #expect(try ResultEnvelope.decode(fast) == result)
            #expect(ResultEnvelope.fromJSON(try JSONValue(parsing: codable)) == (try DCSJSON.makeDecoder().decode(ResultEnvelope.self, from: codable)))
        }
    }

    @Test func anUppercaseRequestIDStillFailsWithATypedError() throws {
        let catalogue = try TopicCatalogue.load(directory: RepoTopics.directory)
        let schema = catalogue.schema(forTopic: catalogue.requestTopic(for: .utilities).name)
        let text = String(decoding: try request.encoded(), as: UTF8.self)
            .replacingOccurrences(of: request.requestID.uuidString.lowercased(), with: request.requestID.uuidString.uppercased())
        #expect(throws: EnvelopeError.self) { try RequestEnvelope.decode(Data(text.utf8), schema: schema) }
    }
}
