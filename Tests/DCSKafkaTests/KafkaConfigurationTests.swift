import DCSKafka
import Logging
import Testing

@Suite("Configuration mapping")
struct KafkaConfigurationTests {
    let client = KafkaClientConfiguration(bootstrapServers: ["127.0.0.1:9092", "127.0.0.1:9093"])

    @Test func clientPropertiesCarryBrokersAndTimeouts() {
        let properties = client.librdkafkaProperties
        #expect(properties["bootstrap.servers"] == "127.0.0.1:9092,127.0.0.1:9093")
        #expect(properties["client.id"] == "dcs")
        #expect(properties["socket.connection.setup.timeout.ms"] == "10000")
        #expect(properties["debug"] == nil)
    }

    @Test func producerIsIdempotentWithAcksAllByDefault() {
        let properties = KafkaProducerConfiguration(client: client).librdkafkaProperties
        #expect(properties["enable.idempotence"] == "true")
        #expect(properties["acks"] == "all")
        #expect(properties["partitioner"] == "murmur2_random")
        #expect(properties["linger.ms"] == "5")
    }

    @Test func idempotenceForcesAcksAll() {
        var configuration = KafkaProducerConfiguration(client: client, acks: .leader)
        #expect(configuration.librdkafkaProperties["acks"] == "all")
        configuration.idempotence = false
        #expect(configuration.librdkafkaProperties["acks"] == "1")
    }

    @Test func consumerStoresOffsetsOnlyWhenTheApplicationSaysSo() {
        let configuration = KafkaConsumerConfiguration(client: client, groupID: "dcs.utilities", topics: ["t"])
        let properties = configuration.librdkafkaProperties
        #expect(properties["enable.auto.offset.store"] == "false")
        #expect(properties["enable.auto.commit"] == "true")
        #expect(properties["auto.offset.reset"] == "earliest")
        #expect(properties["group.id"] == "dcs.utilities")
        #expect(properties["partition.assignment.strategy"] == "range,roundrobin")
        #expect(properties["fetch.wait.max.ms"] == "50")
        #expect(properties["allow.auto.create.topics"] == nil, "librdkafka's default (false) applies")
    }

    @Test func cooperativeStrategyAndStaticMembership() {
        let configuration = KafkaConsumerConfiguration(
            client: client, groupID: "g", topics: ["t"], assignmentStrategy: .cooperativeSticky, groupInstanceID: "worker-1"
        )
        #expect(configuration.librdkafkaProperties["partition.assignment.strategy"] == "cooperative-sticky")
        #expect(configuration.librdkafkaProperties["group.instance.id"] == "worker-1")
    }

    @Test func additionalPropertiesWin() {
        var client = self.client
        client.additionalProperties = ["linger.ms": "50"]
        #expect(KafkaProducerConfiguration(client: client).librdkafkaProperties["linger.ms"] == "50")
    }

    @Test func environmentLoading() throws {
        #expect(KafkaClientConfiguration(environment: [:]) == nil)
        #expect(KafkaClientConfiguration(environment: ["DCS_BROKERS": " , "]) == nil)
        let loaded = try #require(KafkaClientConfiguration(environment: [
            "DCS_BROKERS": "a:1, b:2",
            "DCS_KAFKA_CLIENT_ID": "worker",
            "DCS_KAFKA_DEBUG": "broker,protocol",
            "DCS_KAFKA_PROPERTIES": "security.protocol=plaintext; socket.keepalive.enable=true",
        ]))
        #expect(loaded.bootstrapServers == ["a:1", "b:2"])
        #expect(loaded.clientID == "worker")
        #expect(loaded.debugContexts == ["broker", "protocol"])
        #expect(loaded.additionalProperties == ["security.protocol": "plaintext", "socket.keepalive.enable": "true"])
    }

    @Test func rejectedPropertyIsATypedError() {
        var client = self.client
        client.additionalProperties = ["no.such.property": "1"]
        #expect {
            _ = try KafkaProducer(configuration: KafkaProducerConfiguration(client: client), logger: Logger(label: "test"))
        } throws: { error in
            guard let error = error as? KafkaError else { return false }
            return error.code == .invalidConfiguration && error.message.contains("no.such.property")
        }
    }

    @Test func consumerNeedsATopic() {
        #expect(throws: KafkaError.self) {
            _ = try KafkaConsumer(
                configuration: KafkaConsumerConfiguration(client: client, groupID: "g", topics: []),
                logger: Logger(label: "test")
            )
        }
    }
}
