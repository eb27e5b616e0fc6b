// The one place where configuration values become librdkafka property names.

extension Duration {
    /// Whole milliseconds, for librdkafka's `*.ms` properties.
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1_000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}

extension KafkaClientConfiguration {
    /// The librdkafka properties common to every client.
    public var librdkafkaProperties: [String: String] {
        var properties: [String: String] = [
            "bootstrap.servers": bootstrapServers.joined(separator: ","),
            "client.id": clientID,
            "socket.timeout.ms": String(socketTimeout.milliseconds),
            "socket.connection.setup.timeout.ms": String(connectionSetupTimeout.milliseconds),
            "reconnect.backoff.ms": String(reconnectBackoff.milliseconds),
            "reconnect.backoff.max.ms": String(reconnectBackoffMax.milliseconds),
        ]
        if !debugContexts.isEmpty { properties["debug"] = debugContexts.joined(separator: ",") }
        return properties
    }
}

extension KafkaProducerConfiguration {
    /// The full librdkafka property set of a producer.
    public var librdkafkaProperties: [String: String] {
        var properties = client.librdkafkaProperties
        properties["enable.idempotence"] = idempotence ? "true" : "false"
        properties["acks"] = idempotence ? KafkaProducerConfiguration.Acks.all.rawValue : acks.rawValue
        properties["linger.ms"] = String(linger.milliseconds)
        properties["batch.num.messages"] = String(batchMessages)
        properties["queue.buffering.max.messages"] = String(maxQueuedMessages)
        properties["queue.buffering.max.kbytes"] = String(maxQueuedKilobytes)
        properties["message.timeout.ms"] = String(messageTimeout.milliseconds)
        properties["compression.type"] = compression.rawValue
        // Same key-to-partition mapping as the Java clients, so any producer sends a subject to one partition.
        properties["partitioner"] = "murmur2_random"
        properties.merge(client.additionalProperties) { _, new in new }
        return properties
    }
}

extension KafkaConsumerConfiguration {
    /// The full librdkafka property set of a consumer.
    public var librdkafkaProperties: [String: String] {
        var properties = client.librdkafkaProperties
        properties["group.id"] = groupID
        properties["auto.offset.reset"] = autoOffsetReset.rawValue
        properties["session.timeout.ms"] = String(sessionTimeout.milliseconds)
        properties["heartbeat.interval.ms"] = String(heartbeatInterval.milliseconds)
        properties["max.poll.interval.ms"] = String(maxPollInterval.milliseconds)
        // Commit in the background, but only offsets the application stored after processing.
        // A manual reader keeps its position itself and never commits.
        properties["enable.auto.commit"] = membership == .group ? "true" : "false"
        properties["auto.commit.interval.ms"] = String(autoCommitInterval.milliseconds)
        properties["enable.auto.offset.store"] = "false"
        properties["enable.partition.eof"] = "false"
        properties["fetch.wait.max.ms"] = String(fetchWaitMax.milliseconds)
        // librdkafka's default (false) already keeps consumers from creating topics; it is not set
        // explicitly because brokers with old metadata versions (the embedded one) warn about it.
        properties["partition.assignment.strategy"] =
            assignmentStrategy == .eager ? "range,roundrobin" : "cooperative-sticky"
        if let groupInstanceID { properties["group.instance.id"] = groupInstanceID }
        properties.merge(client.additionalProperties) { _, new in new }
        return properties
    }
}

extension KafkaAdminConfiguration {
    /// The full librdkafka property set of an admin client.
    public var librdkafkaProperties: [String: String] {
        var properties = client.librdkafkaProperties
        properties.merge(client.additionalProperties) { _, new in new }
        return properties
    }
}
