/// What a topic's message key is and why: the key decides ordering and partitioning, so every topic
/// must state it (a topic without a key rule is a catalogue error).
public struct KeyRule: Sendable, Equatable, Hashable {
    /// The key's content, e.g. `station_id` or `subject_key`.
    public var field: String
    /// The reason for that choice (ordering, privacy, compaction).
    public var why: String

    public init(field: String, why: String) {
        self.field = field
        self.why = why
    }
}
