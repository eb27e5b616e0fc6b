import DCSKafka
import Foundation
import Testing

/// A reader with manual membership: exactly the partitions and offsets it is given, no group.
@Suite(.timeLimit(.minutes(2)))
struct ManualReaderTests {
    @Test func readsOnlyTheGivenPartitionsFromTheGivenOffsets() async throws {
        let fixture = try KafkaFixture(brokers: 3)
        let topic = try fixture.topic(partitions: 3)
        let producer = try fixture.producer()
        var configuration = KafkaConsumerConfiguration(client: fixture.client, groupID: fixture.uniqueName("reader"), topics: [], membership: .manual)
        configuration.client.clientID = "dcs-test-reader"
        let reader = try KafkaConsumer(configuration: configuration, logger: fixture.logger)
        try await withServices([producer, reader], logger: fixture.logger) {
            var offsets: [Int32: [Int64]] = [:]
            for index in 0..<30 {
                let report = try await producer.send(KafkaProducerMessage(topic: topic, partition: Int32(index % 3), key: "k\(index)", value: Data("\(index)".utf8)))
                offsets[report.partition, default: []].append(report.offset)
            }
            let one = KafkaTopicPartition(topic: topic, partition: 1)
            #expect(try await reader.highWatermark(for: one) == 10)

            try await reader.read(from: [KafkaTopicPartitionOffset(topic: topic, partition: 1, offset: 7)])
            let tail = try await collect(reader, count: 3, markDone: false)
            #expect(tail.map(\.partition) == [1, 1, 1])
            #expect(tail.map(\.offset) == [7, 8, 9])
            #expect(try reader.assignment() == [one])

            // A second partition joins without moving the first; then the first moves back.
            try await reader.read(from: [KafkaTopicPartitionOffset(topic: topic, partition: 2, offset: 8)])
            let second = try await collect(reader, count: 2, markDone: false)
            #expect(second.map(\.partition) == [2, 2])
            #expect(second.map(\.offset) == [8, 9])
            try await reader.read(from: [KafkaTopicPartitionOffset(topic: topic, partition: 1, offset: 5)])
            let again = try await collect(reader, count: 5, markDone: false)
            #expect(again.map(\.offset) == [5, 6, 7, 8, 9])
            #expect(Set(again.map(\.partition)) == [1])
            #expect(Set(try reader.assignment()) == [one, KafkaTopicPartition(topic: topic, partition: 2)])

            // Asking for a record already ahead of the reader changes nothing: no skip, no re-read.
            try await reader.read(from: [KafkaTopicPartitionOffset(topic: topic, partition: 1, offset: 12)])
            _ = try await producer.send(KafkaProducerMessage(topic: topic, partition: 1, key: "k", value: Data("30".utf8)))
            _ = try await producer.send(KafkaProducerMessage(topic: topic, partition: 1, key: "k", value: Data("31".utf8)))
            let next = try await collect(reader, count: 2, markDone: false)
            #expect(next.map(\.offset) == [10, 11])

            // Without rewind, a partition already read stays where it is.
            try await reader.read(from: [KafkaTopicPartitionOffset(topic: topic, partition: 1, offset: 0)], rewind: false)
            _ = try await producer.send(KafkaProducerMessage(topic: topic, partition: 1, key: "k", value: Data("32".utf8)))
            let after = try await collect(reader, count: 1, markDone: false)
            #expect(after.map(\.offset) == [12])
        }
    }

    @Test func groupMembersCannotChooseTheirPartitions() async throws {
        let fixture = try KafkaFixture(brokers: 1)
        let topic = try fixture.topic(partitions: 1, replication: 1)
        let consumer = try fixture.consumer(topics: [topic], group: fixture.uniqueName("group"))
        await #expect(throws: KafkaError.self) {
            try await consumer.read(from: [KafkaTopicPartitionOffset(topic: topic, partition: 0, offset: 0)])
        }
    }
}
