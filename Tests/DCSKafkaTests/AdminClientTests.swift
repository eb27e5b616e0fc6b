import DCSKafka
import Foundation
import Testing

@Suite("Admin client")
struct AdminClientTests {
    @Test func describesBrokersAndTopics() async throws {
        let fixture = try KafkaFixture()
        let topic = try fixture.topic(partitions: 4, replication: 3)
        let admin = try KafkaAdminClient(configuration: KafkaAdminConfiguration(client: fixture.client), logger: fixture.logger)
        let cluster = try await admin.describeCluster()
        #expect(cluster.brokers.map(\.id) == [1, 2, 3])
        let description = try #require(cluster.topics[topic])
        #expect(description.partitions.count == 4)
        #expect(description.replicationFactor == 3)
    }

    @Test func embeddedClusterCapsReplicationAtItsBrokerCount() async throws {
        let fixture = try KafkaFixture(brokers: 2)
        let name = fixture.uniqueName("capped")
        try fixture.cluster.createTopic(name, partitions: 2, replicationFactor: 3)
        let admin = try KafkaAdminClient(configuration: KafkaAdminConfiguration(client: fixture.client), logger: fixture.logger)
        #expect(try await admin.describeCluster().topics[name]?.replicationFactor == 2)
    }

    @Test func unreachableClusterIsATypedErrorNotAHang() async throws {
        // Port 1 on loopback: nothing listens there.
        let client = KafkaClientConfiguration(bootstrapServers: ["127.0.0.1:1"], connectionSetupTimeout: .seconds(1))
        let admin = try KafkaAdminClient(
            configuration: KafkaAdminConfiguration(client: client, requestTimeout: .seconds(2)),
            logger: KafkaFixture(brokers: 1).logger
        )
        await #expect {
            _ = try await admin.describeCluster()
        } throws: { error in
            (error as? KafkaError)?.code == .unreachable
        }
    }
}
