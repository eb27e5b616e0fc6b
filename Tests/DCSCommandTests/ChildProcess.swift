import CChildProcess
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn` (see `dcs_spawn` for why not Foundation's
/// `Process`): its output on pipes only this process holds, its exit awaited on a thread of its own.
final class ChildProcess: @unchecked Sendable {
    // @unchecked Sendable: `pid` and the descriptors are immutable; `status` is guarded by `condition`.

    /// Where a child's standard output or error goes.
    enum Output {
        case discard
        case pipe
        /// Standard error only: into the standard output's pipe.
        case standardOutput
    }

    struct SpawnFailed: Error, CustomStringConvertible {
        let errno: Int32
        var description: String { "cannot start the child process: \(String(cString: strerror(errno)))" }
    }

    let pid: pid_t
    /// Read ends; the caller reads them (``readChunk(_:)``) and closes them (``closeOutput()``).
    let standardOutput: Int32?
    let standardError: Int32?

    private let condition = NSCondition()
    private var status: Int32?

    init(
        _ executable: URL, arguments: [String], environment: [String: String]? = nil, directory: URL,
        standardOutput outputMode: Output, standardError errorMode: Output
    ) throws {
        var outputPipe: [Int32] = [-1, -1]
        var errorPipe: [Int32] = [-1, -1]
        if outputMode == .pipe, case let err = dcs_pipe_cloexec(&outputPipe), err != 0 { throw SpawnFailed(errno: err) }
        if errorMode == .pipe, case let err = dcs_pipe_cloexec(&errorPipe), err != 0 { throw SpawnFailed(errno: err) }
        let childOutput = outputPipe[1]
        let childError = errorMode == .standardOutput ? outputPipe[1] : errorPipe[1]

        let argv = [executable.path] + arguments
        let envp = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let err = Self.withCStrings(argv) { argv in
            Self.withCStrings(envp) { envp in
                dcs_spawn(&pid, executable.path, argv, envp, directory.path, childOutput, childError)
            }
        }
        // The child has its copies; ours must close so that end of file comes when it exits.
        for fd in [outputPipe[1], errorPipe[1]] where fd >= 0 { close(fd) }
        guard err == 0 else {
            for fd in [outputPipe[0], errorPipe[0]] where fd >= 0 { close(fd) }
            throw SpawnFailed(errno: err)
        }
        self.pid = pid
        standardOutput = outputPipe[0] >= 0 ? outputPipe[0] : nil
        standardError = errorPipe[0] >= 0 ? errorPipe[0] : nil
        Thread { [self] in
            let status = dcs_wait_exit(self.pid)
            condition.lock()
            self.status = status
            condition.broadcast()
            condition.unlock()
        }.start()
    }

    deinit {
        closeOutput()
    }

    private let closed = NSLock()
    private var outputClosed = false

    /// Closes the read ends (once), after the readers are done with them.
    func closeOutput() {
        closed.withLock {
            guard !outputClosed else { return }
            outputClosed = true
            for fd in [standardOutput, standardError].compactMap({ $0 }) { close(fd) }
        }
    }

    var isRunning: Bool { condition.withLock { status == nil } }

    /// Sends `signal` to the child, unless it has already been reaped (its pid may be reused).
    func send(_ signal: Int32) {
        condition.withLock {
            if status == nil { kill(pid, signal) }
        }
    }

    /// Blocks until the child ends or `deadline` (if any) passes: its exit code, minus the signal
    /// that ended it, or `nil` if still running.
    func waitForExit(until deadline: Date? = nil) -> Int32? {
        condition.lock()
        defer { condition.unlock() }
        while status == nil {
            // `wait(until: .distantFuture)` traps: the deadline overflows a timespec.
            guard let deadline else { condition.wait(); continue }
            if !condition.wait(until: deadline) { break }
        }
        return status
    }

    /// Blocks until some output is available and returns it; empty at end of file. A read that a
    /// signal interrupts is retried.
    static func readChunk(_ fd: Int32) -> Data {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count >= 0 { return Data(buffer[0..<count]) }
            if errno != EINTR { return Data() }
        }
    }

    /// Everything until end of file.
    static func readToEnd(_ fd: Int32) -> Data {
        var all = Data()
        while true {
            let chunk = readChunk(fd)
            if chunk.isEmpty { return all }
            all.append(chunk)
        }
    }

    private static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
