import Foundation

/// Counts of pending dead letters by category, reason code, failure class, service, ward and age.
/// Dead letters already replayed or purged (per the replay log) are not counted, only reported.
public struct DeadLetterStats: Sendable, Equatable, Codable {
    /// How long ago a dead letter last failed.
    public enum AgeBucket: String, Sendable, Codable, CaseIterable, Comparable {
        case underOneHour = "<1h"
        case oneToTwentyFourHours = "1-24h"
        case oneToSevenDays = "1-7d"
        case overSevenDays = ">7d"

        /// The bucket of an age in seconds (a failure "in the future", clock skew, counts as fresh).
        public init(age: TimeInterval) {
            switch age {
            case ..<3_600: self = .underOneHour
            case ..<86_400: self = .oneToTwentyFourHours
            case ..<(7 * 86_400): self = .oneToSevenDays
            default: self = .overSevenDays
            }
        }

        public static func < (lhs: Self, rhs: Self) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// Pending dead letters counted.
    public var total: Int
    public var byCategory: [String: Int]
    public var byReason: [String: Int]
    public var byFailureClass: [String: Int]
    /// By service id; `unknown` when the original could not be read far enough.
    public var byService: [String: Int]
    /// By ward code; `unknown` when the original could not be read far enough.
    public var byWard: [String: Int]
    /// By age bucket (every bucket present, possibly 0).
    public var byAge: [String: Int]
    /// Matching dead letters left out because they were replayed.
    public var excludedReplayed: Int
    /// Matching dead letters left out because they were purged.
    public var excludedPurged: Int
    /// DLQ records that are not dead-letter records.
    public var unreadable: Int

    /// The label used when a dimension is not known.
    public static let unknown = "unknown"

    /// Counts `letters` (all of them, whatever their state) at `now`.
    public init(letters: [StoredDeadLetter], now: Date) {
        total = letters.count
        byCategory = [:]
        byReason = [:]
        byFailureClass = [:]
        byService = [:]
        byWard = [:]
        byAge = Dictionary(uniqueKeysWithValues: AgeBucket.allCases.map { ($0.rawValue, 0) })
        excludedReplayed = 0
        excludedPurged = 0
        unreadable = 0
        for letter in letters {
            byCategory[letter.category.rawValue, default: 0] += 1
            byReason[letter.record.failure.reasonCode, default: 0] += 1
            byFailureClass[letter.record.failure.failureClass.rawValue, default: 0] += 1
            byService[letter.serviceID ?? Self.unknown, default: 0] += 1
            byWard[letter.record.wardCode?.rawValue ?? Self.unknown, default: 0] += 1
            byAge[AgeBucket(age: now.timeIntervalSince(letter.record.lastFailureAt)).rawValue, default: 0] += 1
        }
    }

    enum CodingKeys: String, CodingKey {
        case total
        case byCategory = "by_category"
        case byReason = "by_reason"
        case byFailureClass = "by_failure_class"
        case byService = "by_service"
        case byWard = "by_ward"
        case byAge = "by_age"
        case excludedReplayed = "excluded_replayed"
        case excludedPurged = "excluded_purged"
        case unreadable
    }
}
