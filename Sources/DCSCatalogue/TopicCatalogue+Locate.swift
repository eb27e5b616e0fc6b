import Foundation

extension TopicCatalogue {
    /// The environment variable that points at the topics directory.
    public static let directoryEnvironmentVariable = "DCS_TOPICS_DIR"

    /// Finds the topics directory: `$DCS_TOPICS_DIR` if set (returned as is), else the nearest `topics/` holding a
    /// `catalogue.yaml` in `currentDirectory` or one of its ancestors (so the CLI works from any
    /// folder of the repository).
    public static func locateDirectory(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
    ) -> URL? {
        let fm = FileManager.default
        if let dir = environment[directoryEnvironmentVariable], !dir.isEmpty {
            // An explicit setting wins even if wrong: load() then says clearly what is missing.
            return URL(fileURLWithPath: dir, isDirectory: true)
        }
        var dir = currentDirectory.standardizedFileURL
        while true {
            let candidate = dir.appendingPathComponent("topics", isDirectory: true)
            if fm.fileExists(atPath: candidate.appendingPathComponent(CatalogueParser.file).path) { return candidate }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
    }
}
