import CRdKafka

extension KafkaConsumer {
    /// Makes sure every record of these partitions from these offsets on reaches ``events``,
    /// without skipping any other: a partition not read yet starts at its offset; one read from
    /// further on moves back to it (its buffered messages are dropped and read again); one whose
    /// next undelivered record is already at or before the offset is left alone. Calls may
    /// therefore come in any order: reading never moves forward past a record asked for.
    ///
    /// Only for ``KafkaConsumerConfiguration/Membership/manual`` readers. Runs on the poll thread
    /// between polls; a reader that is not running yet applies it when it starts.
    ///
    /// - Parameter rewind: `false` leaves partitions already being read where they are (for a
    ///   reader that needs nothing before the offset it asks for, only from about there on).
    /// - Throws: ``KafkaError/Code/invalidConfiguration`` for a group member, the assign or seek
    ///   error, or ``KafkaError/Code/shutDown``.
    public func read(from positions: [KafkaTopicPartitionOffset], rewind: Bool = true) async throws(KafkaError) {
        guard configuration.membership == .manual else {
            throw KafkaError(code: .invalidConfiguration, message: "read(from:) is for manual readers; a group member gets its partitions from the group")
        }
        guard !positions.isEmpty else { return }
        let client = self.client
        let buffer = self.buffer
        let manual = self.manualPositions
        let result = OneShotResult<Void>()
        let accepted = buffer.enqueueCommand { [self] in
            let current: Set<KafkaTopicPartition>
            do throws(KafkaError) {
                current = Set(try assignment())
            } catch {
                result.complete(.failure(error))
                return
            }
            let fresh = positions.filter { !current.contains($0.topicPartition) }
            // The next record the application has not been handed yet: the oldest buffered one,
            // else the next one to be polled.
            let moved = positions.filter { position in
                guard rewind, current.contains(position.topicPartition) else { return false }
                let undelivered = buffer.firstMessageOffset(of: position.topicPartition) ?? manual.next[position.topicPartition]
                return undelivered.map { position.offset < $0 } ?? false
            }
            var failure: KafkaError?
            if !fresh.isEmpty {
                // Incremental: the partitions already read keep their positions.
                failure = KafkaTopicPartitionOffset.withCList(fresh) { list in
                    rd_kafka_incremental_assign(client.handle, list).map { KafkaError(consuming: $0, context: "assign failed", fallback: .consumer) }
                }
                if failure == nil { for position in fresh { manual.next[position.topicPartition] = position.offset } }
            }
            if failure == nil, !moved.isEmpty {
                failure = KafkaTopicPartitionOffset.withCList(moved) { list in
                    if let error = rd_kafka_seek_partitions(client.handle, list, KafkaConsumer.seekTimeoutArgument(.seconds(10))) {
                        return KafkaError(consuming: error, context: "seek failed", fallback: .consumer)
                    }
                    if let bad = KafkaTopicPartition.entries(of: list).first(where: { $0.error != RD_KAFKA_RESP_ERR_NO_ERROR }) {
                        return KafkaError(bad.error, context: "seek failed for \(bad.partition)", fallback: .consumer)
                    }
                    return nil
                }
                buffer.discardMessages(of: Set(moved.map(\.topicPartition)))
                if failure == nil { for position in moved { manual.next[position.topicPartition] = position.offset } }
            }
            result.complete(failure.map { .failure($0) } ?? .success(()))
        }
        guard accepted else { throw KafkaError(code: .shutDown, message: "the consumer is shutting down") }
        try await result.value().get()
    }

    /// The partition's high watermark (offset of the next record to be written), asked from its
    /// leader now; unlike ``cachedHighWatermark(for:)`` it needs no fetch and no assignment.
    ///
    /// - Throws: the broker's error, e.g. ``KafkaError/Code/timedOut`` when it cannot be reached.
    public func highWatermark(for partition: KafkaTopicPartition, timeout: Duration = .seconds(10)) async throws(KafkaError) -> Int64 {
        let client = self.client
        let ms = Int32(clamping: timeout.milliseconds)
        let result: Result<Int64, KafkaError> = await BlockingCall.run(name: "kafka-watermark") {
            var low: Int64 = -1
            var high: Int64 = -1
            let err = rd_kafka_query_watermark_offsets(client.handle, partition.topic, partition.partition, &low, &high, ms)
            guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
                return .failure(KafkaError(err, context: "cannot read the watermarks of \(partition)", fallback: .consumer))
            }
            return .success(high)
        }
        return try result.get()
    }
}
