import DCSDomain
import DCSKafka
import DCSMessages
import DCSSchema
import DCSUtilities
import Foundation

/// Generates a realistic, reproducible mix of station requests for the utilities services.
///
/// Mostly valid look-ups and payments for customers of the synthetic directory (the same seed as the
/// workers'), some invalid ones with their expected typed rejection, some resends of an earlier
/// request id (a station retrying after a timeout) and a few broken envelopes.
public struct TrafficGenerator: Sendable {
    public let stations: [SimulatedStation]
    public let directory: SyntheticUtilitiesDirectory
    public let requestTopic: String
    private let keySecret: SubjectKey.Secret
    private var random: SplitMix64
    private var recent: [PlannedRequest] = []

    public init(stations: [SimulatedStation], directory: SyntheticUtilitiesDirectory, requestTopic: String, seed: UInt64 = 2025, keySecret: SubjectKey.Secret) {
        self.stations = stations
        self.directory = directory
        self.requestTopic = requestTopic
        self.keySecret = keySecret
        random = SplitMix64(seed: seed)
    }

    private mutating func roll(_ bound: Int) -> Int { Int(random.next(below: UInt64(bound))) }

    /// The next request to send, stamped `now`.
    public mutating func next(now: Date) -> PlannedRequest {
        let dice = roll(1_000)
        if dice < 30, let earlier = recent.isEmpty ? nil : recent[roll(recent.count)] {
            return PlannedRequest(correlation: earlier.correlation, serviceID: earlier.serviceID, message: earlier.message, expectation: earlier.expectation, isResend: true)
        }
        let station = stations[roll(stations.count)]
        let planned: PlannedRequest
        switch dice {
        case ..<50: planned = broken(station: station, now: now, dice: dice)
        case ..<150: planned = invalid(station: station, now: now)
        default: planned = valid(station: station, now: now)
        }
        recent.append(planned)
        if recent.count > 200 { recent.removeFirst(100) }
        return planned
    }

    private mutating func valid(station: SimulatedStation, now: Date) -> PlannedRequest {
        let kind = UtilityKind.allCases[roll(UtilityKind.allCases.count)]
        let customer = directory.customer(kind, at: roll(directory.customerCount))
        let action = roll(10) < 4 ? "lookup" : "pay"
        return envelope(station: station, service: "utilities.\(kind.rawValue).\(action)", payload: [Self.field(kind): .string(customer.reference)], subject: customer.reference, now: now, expectation: .valid)
    }

    private mutating func invalid(station: SimulatedStation, now: Date) -> PlannedRequest {
        switch roll(5) {
        case 0:
            return envelope(station: station, service: "utilities.electricity.pay", payload: ["customer_code": "PE1234"], subject: "PE1234", now: now,
                            expectation: .rejected(code: "utilities.electricity.invalid_customer_code"))
        case 1:
            // Well-formed but unknown: the serial does not decode to a customer of the directory.
            let code = "PE0400\(String(format: "%07d", 9_000_000 + roll(999_999)))"
            return envelope(station: station, service: "utilities.electricity.lookup", payload: ["customer_code": .string(code)], subject: code, now: now,
                            expectation: .rejected(code: "utilities.electricity.customer_not_found"))
        case 2:
            // A Hanoi customer code: well-formed, not served by an HCMC station.
            return envelope(station: station, service: "utilities.electricity.lookup", payload: ["customer_code": "PD01001234567"], subject: "PD01001234567", now: now,
                            expectation: .rejected(code: "utilities.electricity.region_not_served"))
        case 3:
            return envelope(station: station, service: "utilities.telecom.pay", payload: ["phone_number": "0201234567"], subject: "0201234567", now: now,
                            expectation: .rejected(code: "utilities.telecom.unknown_prefix"))
        default:
            return envelope(station: station, service: "utilities.water.pay", payload: ["customer_number": "12345"], subject: "12345", now: now,
                            expectation: .rejected(code: "utilities.water.invalid_customer_number"))
        }
    }

    private mutating func broken(station: SimulatedStation, now: Date, dice: Int) -> PlannedRequest {
        if dice < 25 {
            // Not JSON at all: only a dead letter can keep it; correlated by its key.
            let key = "broken-\(UUID().uuidString.lowercased())"
            return PlannedRequest(correlation: key, serviceID: "unknown", message: KafkaProducerMessage(topic: requestTopic, key: key, value: Data("{\"truncated\": ".utf8)), expectation: .deadLetter, isResend: false)
        }
        // Names its station but breaks the schema: a typed rejection (and a dead letter).
        let id = UUID()
        let json = #"{"request_id":"\#(id.uuidString.lowercased())","station_id":"\#(station.id.rawValue)","ward_code":"\#(station.ward.rawValue)","service_id":"utilities.water.lookup","submitted_at":"\#(RFC3339.string(from: now))","schema_version":1}"#
        return PlannedRequest(correlation: id.uuidString.lowercased(), serviceID: "utilities.water.lookup", message: KafkaProducerMessage(topic: requestTopic, key: "schema-\(id)", value: Data(json.utf8)), expectation: .rejected(code: "envelope.schema_violation"), isResend: false)
    }

    private func envelope(station: SimulatedStation, service: String, payload: [String: JSONValue], subject: String, now: Date, expectation: PlannedRequest.Expectation) -> PlannedRequest {
        let request = RequestEnvelope(stationID: station.id, wardCode: station.ward, serviceID: ServiceID(rawValue: service)!, submittedAt: now, payload: payload)
        let id = request.requestID.uuidString.lowercased()
        let message = KafkaProducerMessage(
            topic: requestTopic,
            key: SubjectKey(subject: subject, secret: keySecret).rawValue,
            value: (try? request.encoded()) ?? Data(),
            headers: [
                KafkaHeader(key: MessageHeaderName.requestID, string: id),
                KafkaHeader(key: MessageHeaderName.stationID, string: station.id.rawValue),
                KafkaHeader(key: MessageHeaderName.traceparent, string: TraceParent.random().headerValue),
            ]
        )
        return PlannedRequest(correlation: id, serviceID: service, message: message, expectation: expectation, isResend: false)
    }

    static func field(_ kind: UtilityKind) -> String {
        switch kind {
        case .electricity: "customer_code"
        case .water: "customer_number"
        case .telecom: "phone_number"
        }
    }
}

