import Foundation

/// Runs blocking librdkafka calls (poll, flush, close, metadata) on a dedicated thread, so they never
/// occupy one of the few threads of Swift's cooperative pool.
enum BlockingCall {
    static func run<T: Sendable>(name: String, _ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: body())
            }
            thread.name = name
            thread.start()
        }
    }
}
