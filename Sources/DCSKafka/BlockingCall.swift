import Foundation

/// Runs blocking librdkafka calls (poll, flush, close, metadata) on a dedicated thread, so they never
/// occupy one of the few threads of Swift's cooperative pool.
enum BlockingCall {
    /// Longest thread name Linux keeps (16 bytes with the terminating zero).
    static let maximumNameLength = 15

    /// `name` (at most ``maximumNameLength`` bytes) is what `top -H`, `ps -L` and perf show for the
    /// thread; Foundation's `Thread.name` does not reach the kernel on Linux.
    static func run<T: Sendable>(name: String, _ body: @escaping @Sendable () -> T) async -> T {
        assert(name.utf8.count <= maximumNameLength, "thread name \(name) is longer than Linux keeps")
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                nameCurrentThread(name)
                continuation.resume(returning: body())
            }
            thread.name = name
            thread.start()
        }
    }

    /// Names the calling thread for the kernel (best effort: a name is a diagnostic aid).
    static func nameCurrentThread(_ name: String) {
        #if os(Linux)
        let fd = open("/proc/thread-self/comm", O_WRONLY)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let bytes = Array(name.utf8.prefix(maximumNameLength))
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        #endif
    }
}
