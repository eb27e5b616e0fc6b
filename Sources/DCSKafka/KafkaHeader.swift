import Foundation

/// A Kafka record header. Values are bytes; most fleet headers hold UTF-8 text.
public struct KafkaHeader: Sendable, Hashable {
    public var key: String
    public var value: Data?

    public init(key: String, value: Data?) {
        self.key = key
        self.value = value
    }

    public init(key: String, string: String) {
        // From the contiguous UTF-8 in one copy: `Data(string.utf8)` goes element by element, and
        // every answer a worker publishes carries four of these.
        var string = string
        self.init(key: key, value: string.withUTF8 { Data($0) })
    }

    /// The value as UTF-8 text, when it is.
    public var stringValue: String? { value.flatMap { String(data: $0, encoding: .utf8) } }
}

extension Array where Element == KafkaHeader {
    /// The last header with this key (Kafka allows repeats; the last one wins, as in the Java client's `lastHeader`).
    public func last(named key: String) -> KafkaHeader? { last { $0.key == key } }
}
