import Foundation

/// The repository's `topics/` directory, found from this file's location so that tests do not
/// depend on the working directory.
enum RepoTopics {
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // DCSCatalogueTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .appendingPathComponent("topics", isDirectory: true)

    static var catalogueText: String {
        get throws { try String(contentsOf: directory.appendingPathComponent("catalogue.yaml"), encoding: .utf8) }
    }

    /// A scratch topics directory: the given catalogue text plus a copy of the real schemas.
    static func scratch(catalogue: String, extraSchemas: [String: String] = [:]) throws -> URL {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("dcs-topics-\(UUID().uuidString)", isDirectory: true)
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        try fm.copyItem(at: directory.appendingPathComponent("schemas"), to: dir.appendingPathComponent("schemas"))
        for (name, text) in extraSchemas {
            try text.write(to: dir.appendingPathComponent("schemas").appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try catalogue.write(to: dir.appendingPathComponent("catalogue.yaml"), atomically: true, encoding: .utf8)
        return dir
    }
}
