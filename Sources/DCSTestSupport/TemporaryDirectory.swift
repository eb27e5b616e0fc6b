import Foundation

/// A uniquely named directory under the system's temporary directory, removed with everything in
/// it when the last reference goes away, so test runs do not leave state files behind.
///
/// Hold it as long as anything may still write there: a suite instance (swift-testing makes one
/// per test) or a fixture is the natural owner.
public final class TemporaryDirectory: Sendable {
    /// The directory; not created until something writes into it or ``create()`` is called.
    public let url: URL

    /// - Parameter prefix: the start of the directory's name, to tell leftovers of a crashed run apart.
    public init(_ prefix: String) {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
    }

    /// `name` inside the directory.
    public func appending(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Creates the directory (and returns its URL) for code that expects it to exist.
    @discardableResult
    public func create() throws -> URL {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
