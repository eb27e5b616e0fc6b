/// Errors of the worker runtime, with stable codes.
public struct WorkerError: Error, Sendable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// Another process now owns the partition: this one must not write its effects.
        public static let fenced = Code(rawValue: "worker.fenced")
        /// The partition's database could not be opened, migrated or written.
        public static let storage = Code(rawValue: "worker.storage")
        /// The worker's configuration does not fit the catalogue.
        public static let configuration = Code(rawValue: "worker.configuration")
    }

    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "[\(code.rawValue)] \(message)" }
}
