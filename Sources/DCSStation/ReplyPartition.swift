import DCSMessages

/// Which partition of `dcs.results` a station listens on: a stable hash of its station id modulo
/// the results topic's partition count.
///
/// The hash is 32-bit FNV-1a over the UTF-8 bytes of the station id (offset basis 2166136261,
/// prime 16777619), reduced with `% partitions`. It is written out here, not taken from Swift's
/// `Hasher` (randomly seeded per process) or from Kafka's murmur2 partitioner, so that any
/// process, language or tool computes the same partition for a station, across restarts and
/// releases. Changing the results topic's partition count moves stations to other partitions:
/// stations and workers must then agree on the new count before requests name it.
public enum ReplyPartition {
    /// 32-bit FNV-1a of `bytes`.
    public static func fnv1a32<S: Sequence>(_ bytes: S) -> UInt32 where S.Element == UInt8 {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return hash
    }

    /// The reply partition of `station` on a results topic of `partitions` partitions (> 0).
    public static func of(_ station: StationID, partitions: Int) -> Int {
        precondition(partitions > 0, "a results topic has at least one partition")
        return Int(fnv1a32(station.rawValue.utf8) % UInt32(partitions))
    }
}
