import Foundation

/// Files of the repository this test belongs to, found from this source file's real path (so the
/// test also works from a scratch package that symlinks the test folder).
enum Repository {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while url.path != "/" {
            let fm = FileManager.default
            if fm.fileExists(atPath: url.appendingPathComponent("topics/catalogue.yaml").path),
               fm.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url
            }
            url = url.deletingLastPathComponent()
        }
        fatalError("no repository root (Package.swift + topics/catalogue.yaml) above \(#filePath)")
    }()

    static var composeDirectory: URL { root.appendingPathComponent("compose", isDirectory: true) }
    static var topicsDirectory: URL { root.appendingPathComponent("topics", isDirectory: true) }
    static var dcsSourcesDirectory: URL { root.appendingPathComponent("Sources/dcs", isDirectory: true) }

    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
    }
}
