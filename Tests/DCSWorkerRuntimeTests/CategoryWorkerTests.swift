import DCSCatalogue
import DCSDomain
import DCSKafka
import DCSMessages
import DCSSchema
import DCSTestSupport
import DCSWorkerRuntime
import DCSWorkers
import Foundation
import Testing

/// Every category's worker on the embedded cluster, driven by the same sample traffic `dcs up` sends.
@Suite("Every category's worker end to end")
struct CategoryWorkerTests {
    static let categories: [ServiceCategory] = [.administrative, .health, .banking, .telecom, .utilities]

    @Test("the worker answers exactly the catalogue's services", arguments: categories)
    func servicesMatchTheCatalogue(category: ServiceCategory) throws {
        let services = try ServiceCatalogue.load(directory: RuntimeFixture.topicsDirectory)
        #expect(Set(services.services(in: category).map(\.id.rawValue)) == Set(RequestHandlers.serviceIDs(of: category)))
        #expect(Set(RequestHandlers().sampleTraffic(for: category).serviceIDs) == Set(RequestHandlers.serviceIDs(of: category)))
    }

    @Test("payload schemas accept the valid samples and refuse unknown fields", arguments: categories)
    func samplesSatisfyTheSchemas(category: ServiceCategory) throws {
        let services = try ServiceCatalogue.load(directory: RuntimeFixture.topicsDirectory)
        let traffic = RequestHandlers().sampleTraffic(for: category)
        for serviceID in traffic.serviceIDs {
            let spec = try #require(services.service(serviceID))
            let schema = try #require(services.payloadSchemas[spec.payloadSchema])
            #expect(schema.id == "https://dcs.hcmc.example/schemas/payloads/\(serviceID).schema.json")
            for index in 0..<40 {
                let sample = traffic.valid(serviceID, index: index, now: RuntimeFixture.now)
                let violations = schema.validate(.object(sample.payload))
                #expect(violations.isEmpty, "\(serviceID) #\(index): \(violations)")
            }
            var extra = traffic.valid(serviceID, index: 0, now: RuntimeFixture.now).payload
            extra["unexpected"] = true
            #expect(!schema.isValid(.object(extra)), "\(serviceID): the schema lets an unknown field through")
        }
    }

    @Test("valid and invalid requests of every service get their outcome", arguments: categories)
    func everyServiceAnswers(category: ServiceCategory) async throws {
        let fixture = try RuntimeFixture()
        let worker = try fixture.worker(category: category)
        let station = try fixture.stationProducer()
        let results = try fixture.reader([fixture.catalogue.resultsTopic.name])
        let traffic = RequestHandlers().sampleTraffic(for: category)
        let sent: [(RequestEnvelope, SampleRequest)] = traffic.serviceIDs.flatMap { serviceID in
            (0..<2).flatMap { index in
                [traffic.valid(serviceID, index: index, now: RuntimeFixture.now), traffic.invalid(serviceID, index: index, now: RuntimeFixture.now)]
                    .map { (fixture.request($0.serviceID, payload: $0.payload), $0) }
            }
        }
        let received = try await withServices([station, results] + worker.services, logger: fixture.logger) {
            for (request, sample) in sent { try await fixture.send(request, subject: sample.subject.isEmpty ? "27097" : sample.subject, with: station) }
            return try await collect(results, count: sent.count).map { try $0.result }
        }
        let byID = Dictionary(received.map { ($0.requestID, $0) }, uniquingKeysWith: { first, _ in first })
        var completed = 0
        for (request, sample) in sent {
            let result = try #require(byID[request.requestID], "no result for \(sample.serviceID)")
            switch sample.expectation {
            case .valid:
                #expect(result.status == .completed || result.status == .rejected, "\(sample.serviceID): \(result.status)")
                if result.status == .completed { completed += 1 }
            case .rejected(let code):
                #expect(result.status == .rejected && result.error?.code == code, "\(sample.serviceID): expected \(code), got \(result.error?.code ?? result.status.rawValue)")
            }
        }
        #expect(completed * 2 >= traffic.serviceIDs.count * 2, "most valid samples complete on a fresh system of record")
        #expect(worker.statistics.snapshot.deduplicated == 0)
    }

    @Test("the same request twice is applied once and answered the same twice", arguments: categories)
    func theSameRequestTwice(category: ServiceCategory) async throws {
        let fixture = try RuntimeFixture()
        let worker = try fixture.worker(category: category)
        let station = try fixture.stationProducer()
        let results = try fixture.reader([fixture.catalogue.resultsTopic.name])
        let services = try ServiceCatalogue.load(directory: RuntimeFixture.topicsDirectory)
        let traffic = RequestHandlers().sampleTraffic(for: category)
        // Every service that changes the system of record, each request sent twice with one id.
        let writes = services.services(in: category).filter { $0.effect == .write }.map(\.id.rawValue)
        #expect(!writes.isEmpty)
        let requests = writes.map { serviceID in
            let sample = traffic.valid(serviceID, index: 3, now: RuntimeFixture.now)
            return (fixture.request(serviceID, payload: sample.payload), sample.subject.isEmpty ? "27097" : sample.subject)
        }
        let received = try await withServices([station, results] + worker.services, logger: fixture.logger) {
            for (request, subject) in requests {
                try await fixture.send(request, subject: subject, with: station)
                try await fixture.send(request, subject: subject, with: station)  // a station resending after a timeout
            }
            return try await collect(results, count: requests.count * 2).map { try $0.result }
        }
        for (request, _) in requests {
            let answers = received.filter { $0.requestID == request.requestID }
            #expect(answers.count == 2)
            #expect(answers.first == answers.last, "\(request.serviceID.rawValue): the stored result is published again, unchanged")
        }
        let snapshot = worker.statistics.snapshot
        #expect(snapshot.deduplicated == requests.count, "each resend is recognised and not applied again")
        #expect(snapshot.handledCount == requests.count)
    }

    @Test("no ID, account or card number and no health condition travels in clear", arguments: [ServiceCategory.administrative, .health, .banking, .telecom])
    func sensitiveFieldsNeverTravelInClear(category: ServiceCategory) async throws {
        let fixture = try RuntimeFixture()
        let cipher = FieldCipher(keys: FieldKeyRing.generate())
        let worker = try fixture.worker(category: category, fieldCipher: cipher)
        let station = try fixture.stationProducer()
        let traffic = RequestHandlers().sampleTraffic(for: category)
        let samples = traffic.serviceIDs.flatMap { id in (0..<3).flatMap { [traffic.valid(id, index: $0, now: RuntimeFixture.now), traffic.invalid(id, index: $0, now: RuntimeFixture.now)] } }
        var secrets: Set<String> = []
        func collectSecrets(_ value: JSONValue, name: String) {
            switch value {
            case .string(let text) where FieldCipher.isSensitive(name) && text.count >= 6: secrets.insert(text)
            case .object(let object): for (key, inner) in object { collectSecrets(inner, name: key) }
            case .array(let items): for item in items { collectSecrets(item, name: name) }
            default: break
            }
        }
        var requests: [(RequestEnvelope, String)] = []
        for sample in samples {
            collectSecrets(.object(sample.payload), name: "")
            var request = fixture.request(sample.serviceID, payload: sample.payload)
            request.payload = try cipher.encrypt(sample.payload, category: category, requestID: request.requestID)
            // Keyed as a station keys it: the HMAC of the subject, never the subject itself.
            requests.append((request, SubjectKey(subject: sample.subject.isEmpty ? "27097" : sample.subject, secret: SubjectKey.Secret("test")).rawValue))
        }
        #expect(!secrets.isEmpty, "the samples carry sensitive fields to protect")
        let sent = requests
        let everything = try fixture.reader([fixture.catalogue.requestTopic(for: category).name, fixture.catalogue.resultsTopic.name])
        let records = try await withServices([station, everything] + worker.services, logger: fixture.logger) {
            for (request, subject) in sent { try await fixture.send(request, subject: subject, with: station) }
            return try await collect(everything, count: sent.count * 2)
        }
        let results = records.filter { $0.topic == fixture.catalogue.resultsTopic.name }
        #expect(results.count == sent.count)
        // The worker read the decrypted fields: the outcomes are the expected ones, not decryption failures.
        #expect(try results.allSatisfy { try !($0.result.error?.code.hasPrefix("fields.") ?? false) })
        for record in records {
            let text = String(decoding: record.value, as: UTF8.self) + (record.key.map { String(decoding: $0, as: UTF8.self) } ?? "")
            for secret in secrets { #expect(!text.contains(secret), "\(record.topic) holds a sensitive value in clear") }
        }
        let snapshot = worker.statistics.snapshot
        #expect(snapshot.deadLetters.isEmpty && snapshot.retries.isEmpty, "nothing went to a dead-letter or retry topic")
    }
}
