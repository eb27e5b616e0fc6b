@testable import DCSDeadLetters
import DCSCatalogue
import DCSKafka
import DCSMessages
import DCSSchema
import DCSTestSupport
import DCSTopicAdmin
import Foundation
import Logging

/// The repository's `topics/`, found from this file so tests do not depend on the working directory.
enum RepoTopics {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("topics", isDirectory: true)

    static let catalogue: TopicCatalogue = try! TopicCatalogue.load(directory: directory)
}

/// Synthetic citizens' data used in the originals; tests assert these never appear in output.
enum Secrets {
    static let idNumber = "079203001234"
    static let patientIDNumber = "001185004321"
    static let fullName = "Nguyễn Thị Hoa"
    static let phone = "0903123456"
    static let account = "9704221234567890"
    static let icd10 = "E11.9"
    static let all = [idNumber, patientIDNumber, fullName, phone, account]
}

/// Builds realistic dead letters: request envelopes with personal payloads, wrapped as the worker
/// runtime wraps them.
enum Letters {
    static let station = try! StationID("ST-27097-01")

    struct Spec {
        var service = "banking.account.open"
        var ward = "27097"
        var requestID = UUID()
        var partition = 3
        var offset: Int64 = 100
        var failureClass: FailureClass = .handlerCrash
        var reason = "handler.crashed"
        var lastFailure = Date()
        var payload: [String: JSONValue]? = nil
    }

    static func payload(for service: String) -> [String: JSONValue] {
        if service.hasPrefix("health") {
            return ["patient_id_number": .string(Secrets.patientIDNumber), "icd10_code": .string(Secrets.icd10), "clinic_id": "CL-001",
                    "phone_number": .string(Secrets.phone)]
        }
        return [
            "id_number": .string(Secrets.idNumber), "full_name": .string(Secrets.fullName), "birth_date": "1992-04-17",
            "phone_number": .string(Secrets.phone), "face_match_score": .number(0.93), "account_number": .string(Secrets.account),
            "consent": ["granted": true, "purpose": "biometric_data"],
        ]
    }

    static func record(_ spec: Spec) -> DeadLetterRecord {
        let serviceID = try! ServiceID(spec.service)
        let envelope = RequestEnvelope(
            requestID: spec.requestID, stationID: station, wardCode: try! WardCode(spec.ward), serviceID: serviceID,
            submittedAt: spec.lastFailure.addingTimeInterval(-2), payload: spec.payload ?? payload(for: spec.service), replyPartition: 5
        )
        let value = try! envelope.encoded()
        let headers: [DeadLetterRecord.Header] = [
            .init(key: MessageHeaderName.requestID, text: spec.requestID.uuidString.lowercased()),
            .init(key: MessageHeaderName.stationID, text: station.rawValue),
            .init(key: MessageHeaderName.serviceID, text: spec.service),
            .init(key: MessageHeaderName.traceparent, text: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
            .init(key: "x-binary", value: Data([0, 1, 2, 255])),
        ]
        return DeadLetterRecord(
            original: .init(
                topic: "dcs.requests.\(serviceID.category.rawValue)", partition: spec.partition, offset: spec.offset,
                timestamp: spec.lastFailure.addingTimeInterval(-1), key: Data("hmac:\(spec.requestID.uuidString.prefix(8).lowercased())".utf8),
                value: value, headers: headers
            ),
            failure: .init(failureClass: spec.failureClass, reasonCode: spec.reason, message: "handler failed"),
            attempts: 1, firstFailureAt: spec.lastFailure, lastFailureAt: spec.lastFailure,
            consumerGroup: "dcs-worker-\(serviceID.category.rawValue)", workerInstance: "worker-0",
            traceID: "4bf92f3577b34da6a3ce929d0e0e4736",
            requestID: spec.requestID, serviceID: serviceID, wardCode: try! WardCode(spec.ward), stationID: station
        )
    }

    /// A stored dead letter, for tests that need no cluster.
    static func stored(_ spec: Spec, dlqOffset: Int64 = 0) -> StoredDeadLetter {
        let r = record(spec)
        return StoredDeadLetter(record: r, category: r.serviceID!.category, dlqTopic: "dcs.dlq.\(r.serviceID!.category.rawValue)", dlqPartition: spec.partition, dlqOffset: dlqOffset)
    }
}

/// A fresh embedded cluster with every catalogue topic (random ports, a new cluster per test, so
/// topic names from the catalogue are unique to the test).
struct DLQFixture {
    let cluster: EmbeddedKafkaCluster
    let logger: Logger
    let catalogue = RepoTopics.catalogue

    init() throws {
        logger = testLogger("dcs.test.dlq")
        cluster = try EmbeddedKafkaCluster(brokers: 1, logger: logger)
        try cluster.createTopics(of: catalogue)
    }

    var client: KafkaClientConfiguration {
        KafkaClientConfiguration(bootstrapServers: cluster.bootstrapServerList, clientID: "dcs-test-dlq")
    }

    /// Writes dead letters as the worker runtime does: same partition number as the source, original key.
    func write(_ records: [DeadLetterRecord]) async throws {
        try await withDeadLetterProducer(client: client, logger: logger) { producer in
            for record in records {
                let topic = catalogue.deadLetterTopic(for: ServiceCategory(rawValue: String(record.original.topic.split(separator: ".").last!))!).name
                _ = try await producer.send(KafkaProducerMessage(
                    topic: topic, partition: Int32(record.original.partition), key: record.original.key, value: try record.encoded()
                ))
            }
        }
    }

    func store(_ categories: [ServiceCategory] = []) async throws -> DeadLetterStore {
        try await DeadLetterStore.load(catalogue: catalogue, client: client, categories: categories, timeout: .seconds(30), logger: logger)
    }

    func replay(_ selector: DeadLetterSelector = .all, _ options: ReplayOptions) async throws -> ReplayReport {
        let store = try await store()
        return try await withDeadLetterProducer(client: client, logger: logger) { producer in
            let replayer = try DeadLetterReplayer(catalogue: catalogue, producer: producer, options: options, logger: logger)
            return await replayer.replay(store.select(selector, includeHandled: true), log: store.replayLog)
        }
    }

    func purge(_ selector: DeadLetterSelector, confirm: Bool) async throws -> PurgeReport {
        let store = try await store()
        return try await withDeadLetterProducer(client: client, logger: logger) { producer in
            await DeadLetterPurger(catalogue: catalogue, producer: producer, operatorName: "test-operator", logger: logger)
                .purge(store.select(selector, includeHandled: true), confirm: confirm)
        }
    }

    /// Every record of these topics, read to their end.
    func records(of topics: [String]) async throws -> [KafkaConsumerMessage] {
        let reader = TopicSnapshotReader(client: client, timeout: .seconds(30), logger: logger)
        return try await reader.read(topics: topics, lenient: []).values.flatMap { $0 }
    }
}

extension ReplayOptions {
    static func test(dryRun: Bool = false, limit: Int? = nil, maxReplays: Int = 3, to target: String? = nil) -> ReplayOptions {
        ReplayOptions(operatorName: "test-operator", dryRun: dryRun, ratePerSecond: nil, targetTopic: target, maxReplaysPerRequest: maxReplays, limit: limit)
    }
}
