import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A minimal HTTP GET client for the server tests (URLSession; FoundationNetworking on Linux).
enum HTTPProbe {
    struct Reply: Sendable {
        var status: Int
        var contentType: String?
        var body: String
    }

    struct NotHTTP: Error {}

    /// GETs `path` on 127.0.0.1:`port`, bounded by a request timeout.
    static func get(port: Int, _ path: String) async throws -> Reply {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 10
        configuration.timeoutIntervalForResource = 10
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let url = URL(string: "http://127.0.0.1:\(port)\(path)")!
        let (data, response) = try await session.data(from: url)
        guard let http = response as? HTTPURLResponse else { throw NotHTTP() }
        return Reply(
            status: http.statusCode,
            contentType: http.value(forHTTPHeaderField: "Content-Type"),
            body: String(decoding: data, as: UTF8.self)
        )
    }
}
