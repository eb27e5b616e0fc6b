import DCSKafka

/// What a ``StationLink`` hands one station about its reply partition, in partition order.
enum ReplyEvent: Sendable {
    /// A record that names this station (by its `dcs-station-id` header, or by its envelope when
    /// it has no such header).
    case record(KafkaConsumerMessage)
    /// Everything before this offset has been handed over: the station may save it as its position.
    case passed(next: Int64)
}

/// A station's place on its link: where its reply partition is read from, and its events.
struct ReplySubscription: Sendable {
    /// Names this attachment to ``StationLink/detach(_:token:)``.
    let token: UInt64
    /// The first offset handed to this station (its saved position, or the end of the partition).
    let start: Int64
    let events: AsyncStream<ReplyEvent>
}
