import DCSMessages
import DCSSchema
import Foundation

/// Which dead letters an operation applies to. Every criterion that is set must match (an empty
/// list or `nil` matches everything); values within one criterion are alternatives.
public struct DeadLetterSelector: Sendable, Equatable {
    /// An inclusive offset range within one partition of the ORIGINAL topic (the partition and
    /// offset in the dead letter's id, which is also the DLQ partition number).
    public struct OffsetRange: Sendable, Equatable, CustomStringConvertible {
        public var partition: Int
        public var from: Int64
        public var to: Int64

        public init(partition: Int, from: Int64, to: Int64) {
            self.partition = partition
            self.from = from
            self.to = to
        }

        /// Parses `partition:from-to` (also `partition:offset` for one record).
        public init(parsing text: String) throws(DeadLetterError) {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            let bounds = parts.count == 2 ? parts[1].split(separator: "-", omittingEmptySubsequences: false) : []
            guard parts.count == 2, let partition = Int(parts[0]), partition >= 0,
                  (1...2).contains(bounds.count), let from = Int64(bounds[0]), let to = Int64(bounds.last!), from >= 0, to >= from
            else {
                throw DeadLetterError(code: .invalidSelector, message: "invalid offset range '\(text)': expected partition:from-to, e.g. 3:100-250")
            }
            self.init(partition: partition, from: from, to: to)
        }

        public func contains(partition: Int, offset: Int64) -> Bool {
            partition == self.partition && offset >= from && offset <= to
        }

        public var description: String { "\(partition):\(from)-\(to)" }
    }

    public var categories: [ServiceCategory]
    /// Failure reason codes, e.g. `envelope.schema_violation`.
    public var reasons: [String]
    public var failureClasses: [FailureClass]
    /// Service ids, e.g. `banking.account.open`.
    public var services: [String]
    /// Ward codes of the stations.
    public var wards: [String]
    /// Dead-lettered (last failure) at or after this instant.
    public var since: Date?
    /// Dead-lettered (last failure) before this instant.
    public var until: Date?
    public var offsets: [OffsetRange]
    public var requestIDs: [UUID]
    /// Dead-letter ids (`topic:partition:offset` of the original).
    public var ids: [String]

    public init(
        categories: [ServiceCategory] = [], reasons: [String] = [], failureClasses: [FailureClass] = [],
        services: [String] = [], wards: [String] = [], since: Date? = nil, until: Date? = nil,
        offsets: [OffsetRange] = [], requestIDs: [UUID] = [], ids: [String] = []
    ) {
        self.categories = categories
        self.reasons = reasons
        self.failureClasses = failureClasses
        self.services = services
        self.wards = wards
        self.since = since
        self.until = until
        self.offsets = offsets
        self.requestIDs = requestIDs
        self.ids = ids
    }

    /// Everything.
    public static let all = DeadLetterSelector()

    /// The categories whose DLQ topics must be read: the selected ones, else all.
    public var categoriesToRead: [ServiceCategory] {
        categories.isEmpty ? ServiceCategory.allCases : ServiceCategory.allCases.filter(categories.contains)
    }

    /// Whether this dead letter matches every criterion set.
    public func matches(_ letter: StoredDeadLetter) -> Bool {
        let r = letter.record
        if !categories.isEmpty, !categories.contains(letter.category) { return false }
        if !reasons.isEmpty, !reasons.contains(r.failure.reasonCode) { return false }
        if !failureClasses.isEmpty, !failureClasses.contains(r.failure.failureClass) { return false }
        if !services.isEmpty, !(letter.serviceID.map(services.contains) ?? false) { return false }
        if !wards.isEmpty, !(r.wardCode.map { wards.contains($0.rawValue) } ?? false) { return false }
        if let since, r.lastFailureAt < since { return false }
        if let until, r.lastFailureAt >= until { return false }
        if !offsets.isEmpty, !offsets.contains(where: { $0.contains(partition: r.original.partition, offset: r.original.offset) }) { return false }
        if !requestIDs.isEmpty, !(letter.requestID.map(requestIDs.contains) ?? false) { return false }
        if !ids.isEmpty, !ids.contains(letter.id) { return false }
        return true
    }

    /// Parses an RFC 3339 date-time for `--since` / `--until`.
    public static func parseDate(_ text: String, option: String) throws(DeadLetterError) -> Date {
        guard let date = RFC3339.date(from: text) else {
            throw DeadLetterError(code: .invalidSelector, message: "\(option) '\(text)' is not an RFC 3339 date-time (e.g. 2025-10-10T08:00:00+07:00)")
        }
        return date
    }

    /// Parses a request id for `--request-id`.
    public static func parseRequestID(_ text: String) throws(DeadLetterError) -> UUID {
        guard let id = UUID(uuidString: text) else {
            throw DeadLetterError(code: .invalidSelector, message: "--request-id '\(text)' is not a UUID")
        }
        return id
    }

    /// Parses a category name for `--category`.
    public static func parseCategory(_ text: String) throws(DeadLetterError) -> ServiceCategory {
        guard let category = ServiceCategory(rawValue: text) else {
            throw DeadLetterError(code: .invalidSelector, message: "unknown category '\(text)'; expected one of \(ServiceCategory.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return category
    }

    /// Parses a failure class for `--class`.
    public static func parseFailureClass(_ text: String) throws(DeadLetterError) -> FailureClass {
        guard let value = FailureClass(rawValue: text) else {
            throw DeadLetterError(code: .invalidSelector, message: "unknown failure class '\(text)'; expected one of \(FailureClass.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }
}
