import DCSDomain
import DCSKafka
import DCSMessages
import DCSSchema
import Foundation

/// Generates a realistic, reproducible mix of station requests over every service of every
/// category it is given.
///
/// Mostly valid requests built from the categories' synthetic data (the same seed as the workers'),
/// some invalid ones with their expected typed rejection, some resends of an earlier request id (a
/// station retrying after a timeout) and a few broken envelopes. Services are drawn uniformly, so
/// every service gets both kinds of answer in a run of a minute.
public struct TrafficGenerator: Sendable {
    /// One category's sample requests and the topic they go to.
    public struct Source: Sendable {
        public let category: ServiceCategory
        public let traffic: any SampleTraffic
        public let requestTopic: String

        public init(category: ServiceCategory, traffic: any SampleTraffic, requestTopic: String) {
            self.category = category
            self.traffic = traffic
            self.requestTopic = requestTopic
        }
    }

    public let stations: [SimulatedStation]
    public let sources: [Source]
    private let services: [(source: Int, serviceID: String)]
    private let keySecret: SubjectKey.Secret
    private let fieldCipher: FieldCipher?
    private var random: SplitMix64
    private var recent: [PlannedRequest] = []
    /// Per-service counters, so successive invalid samples cycle through a service's rules.
    private var drawn: [String: Int] = [:]

    /// - Parameter fieldCipher: encrypts the sensitive payload fields, as a station does.
    public init(stations: [SimulatedStation], sources: [Source], seed: UInt64 = 2025, keySecret: SubjectKey.Secret, fieldCipher: FieldCipher? = nil) {
        precondition(!stations.isEmpty && !sources.isEmpty, "traffic needs stations and at least one category")
        self.stations = stations
        self.sources = sources
        self.keySecret = keySecret
        self.fieldCipher = fieldCipher
        services = sources.indices.flatMap { index in sources[index].traffic.serviceIDs.map { (index, $0) } }
        random = SplitMix64(seed: seed)
    }

    private mutating func roll(_ bound: Int) -> Int { Int(random.next(below: UInt64(bound))) }

    /// The next request to send, stamped `now`.
    public mutating func next(now: Date) -> PlannedRequest {
        let dice = roll(1_000)
        if dice < 30, let earlier = recent.isEmpty ? nil : recent[roll(recent.count)] {
            return PlannedRequest(correlation: earlier.correlation, serviceID: earlier.serviceID, message: earlier.message, expectation: earlier.expectation,
                                  isResend: true, submission: earlier.submission)
        }
        let station = stations[roll(stations.count)]
        let (sourceIndex, serviceID) = services[roll(services.count)]
        let source = sources[sourceIndex]
        let planned: PlannedRequest
        if dice < 50 {
            planned = broken(station: station, source: source, serviceID: serviceID, now: now, dice: dice)
        } else {
            let index = drawn[serviceID, default: 0]
            drawn[serviceID] = index + 1
            let sample = dice < 200 ? source.traffic.invalid(serviceID, index: index, now: now) : source.traffic.valid(serviceID, index: index, now: now)
            planned = envelope(station: station, source: source, sample: sample, now: now)
        }
        recent.append(planned)
        if recent.count > 200 { recent.removeFirst(100) }
        return planned
    }

    /// One valid request per category, not part of the traffic, to warm stations up.
    public func warmUpSubmissions(now: Date) -> [PlannedRequest.Submission] {
        sources.map { source in
            let sample = source.traffic.valid(source.traffic.serviceIDs[0], index: 0, now: now)
            return PlannedRequest.Submission(station: stations[0].id, serviceID: sample.serviceID, payload: sample.payload)
        }
    }

    /// A valid request that is not part of the traffic, to warm a producer up.
    public func warmUp(now: Date) -> KafkaProducerMessage {
        let source = sources[0]
        let sample = source.traffic.valid(source.traffic.serviceIDs[0], index: 0, now: now)
        return envelope(station: stations[0], source: source, sample: sample, now: now).message
    }

    private func broken(station: SimulatedStation, source: Source, serviceID: String, now: Date, dice: Int) -> PlannedRequest {
        if dice < 40 {
            // Not JSON at all: only a dead letter can keep it; correlated by its key.
            let key = "broken-\(UUID().lowercasedString)"
            return PlannedRequest(correlation: key, serviceID: "unknown", message: KafkaProducerMessage(
                topic: source.requestTopic, key: key, value: Data("{\"truncated\": ".utf8),
                headers: [KafkaHeader(key: MessageHeaderName.stationID, string: station.id.rawValue)]
            ), expectation: .deadLetter, isResend: false, submission: nil)
        }
        // Names its station but breaks the schema (no payload): a typed rejection (and a dead letter).
        let id = UUID()
        let json = #"{"request_id":"\#(id.lowercasedString)","station_id":"\#(station.id.rawValue)","ward_code":"\#(station.ward.rawValue)","service_id":"\#(serviceID)","submitted_at":"\#(RFC3339.string(from: now))","schema_version":1}"#
        return PlannedRequest(correlation: id.lowercasedString, serviceID: serviceID, message: KafkaProducerMessage(
            topic: source.requestTopic, key: "schema-\(id)", value: Data(json.utf8),
            headers: [KafkaHeader(key: MessageHeaderName.stationID, string: station.id.rawValue)]
        ), expectation: .rejected(code: "envelope.schema_violation"), isResend: false, submission: nil)
    }

    private func envelope(station: SimulatedStation, source: Source, sample: SampleRequest, now: Date) -> PlannedRequest {
        var request = RequestEnvelope(stationID: station.id, wardCode: station.ward, serviceID: ServiceID(rawValue: sample.serviceID)!, submittedAt: now, payload: sample.payload)
        if let fieldCipher, let encrypted = try? fieldCipher.encrypt(request.payload, category: source.category, requestID: request.requestID) {
            request.payload = encrypted
        }
        let id = request.requestID.lowercasedString
        // Ward-scoped services name no subject of their own: the station's ward is the subject.
        let subject = sample.subject.isEmpty ? station.ward.rawValue : sample.subject
        let message = KafkaProducerMessage(
            topic: source.requestTopic,
            key: SubjectKey(subject: subject, secret: keySecret).rawValue,
            value: (try? request.encoded()) ?? Data(),
            headers: [
                KafkaHeader(key: MessageHeaderName.requestID, string: id),
                KafkaHeader(key: MessageHeaderName.stationID, string: station.id.rawValue),
                KafkaHeader(key: MessageHeaderName.traceparent, string: TraceParent.random().headerValue),
            ]
        )
        let expectation: PlannedRequest.Expectation = switch sample.expectation {
        case .valid: .valid
        case .rejected(let code): .rejected(code: code)
        }
        return PlannedRequest(correlation: id, serviceID: sample.serviceID, message: message, expectation: expectation, isResend: false,
                              submission: .init(station: station.id, serviceID: sample.serviceID, payload: sample.payload))
    }
}
