import Foundation
import Hummingbird
import Prometheus

extension ObservabilityServer {
    /// Content type of the Prometheus text exposition format, version 0.0.4.
    public static let metricsContentType = "text/plain; version=0.0.4; charset=utf-8"

    /// The three routes; handlers only read Sendable state, so they run on any server thread.
    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        let registry = self.registry
        let health = self.health

        router.get("/metrics") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = Self.metricsContentType
            // Scrapes must always see fresh numbers, never a cached page.
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }

        router.get("/health") { _, _ -> Response in
            let snapshot = health.healthSnapshot()
            return Self.jsonResponse(snapshot, status: snapshot.status == .ok ? .ok : .serviceUnavailable)
        }

        // Liveness answers from the HTTP layer alone: a worker waiting for Kafka is not
        // ready, but restarting it would not help.
        router.get("/health/live") { _, _ -> Response in
            Self.jsonResponse(["status": "alive"], status: .ok)
        }
        return router
    }

    private static func jsonResponse(_ value: some Encodable, status: HTTPResponse.Status) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding a HealthSnapshot or a [String: String] cannot fail; an empty object keeps
        // the endpoint answering even so.
        let body = (try? encoder.encode(value)) ?? Data("{}".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
