import DCSMessages
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `dcs` executable, as a user or a script would.
struct CommandRunner {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `dcs` binary next to the test bundle (same build folder and configuration).
    static var executable: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("dcs")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return repositoryRoot.appendingPathComponent(".build/debug/dcs")
    }

    /// Foundation's `Process.run()` on Linux is not safe to call from several threads at once (it
    /// copies the environment and file actions while another launch is under way; the test binary
    /// crashed in `memmove` inside it). Launches are quick, so they take turns.
    static let launchLock = NSLock()

    static func launch(_ process: Process) throws {
        launchLock.lock()
        defer { launchLock.unlock() }
        try process.run()
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs to completion and captures both streams.
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "DCS_BROKERS")
        env.removeValue(forKey: "DCS_TOPICS_DIR")
        env.merge(environment) { _, new in new }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try launch(process)
        // Read both pipes on their own threads so a full pipe never blocks the child.
        async let stdout = readAll(out.fileHandleForReading)
        async let stderr = readAll(err.fileHandleForReading)
        let (o, e) = await (stdout, stderr)
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: o, stderr: e)
    }

    private static func readAll(_ handle: FileHandle) async -> String {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: String(decoding: readToEnd(handle), as: UTF8.self)) }.start()
        }
    }

    /// Blocks until some output is available and returns it; empty at end of file. A read that a
    /// signal interrupts is retried: Foundation's `FileHandle` reads trap on `EINTR`, and this
    /// process gets signals (`SIGCHLD` from the `dcs` processes it runs) while it reads.
    static func readChunk(_ handle: FileHandle) -> Data {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
            if count >= 0 { return Data(buffer[0..<count]) }
            if errno != EINTR { return Data() }
        }
    }

    /// Everything until end of file (see ``readChunk(_:)``).
    static func readToEnd(_ handle: FileHandle) -> Data {
        var all = Data()
        while true {
            let chunk = readChunk(handle)
            if chunk.isEmpty { return all }
            all.append(chunk)
        }
    }
}

/// A long-running `dcs` process (e.g. `dcs broker`, `dcs worker`) whose output is read line by line.
///
/// A reader thread drains the process's output from launch to exit, so a chatty process never
/// blocks on a full pipe while the test is busy elsewhere, and every wait has a deadline: a
/// process that hangs fails its test with its last lines instead of hanging the test run.
final class RunningCommand: @unchecked Sendable {
    // @unchecked Sendable: `process` is only started and signalled; `output` is read by the one
    // reader thread; everything else is guarded by `condition`.
    let process = Process()
    private let output = Pipe()
    private let condition = NSCondition()
    private var lines: [String] = []
    private var cursor = 0
    private var outputEnded = false
    private var exitStatus: Int32?

    /// - Parameter mergeStandardError: read log lines (standard error) along with the output.
    init(_ arguments: [String], mergeStandardError: Bool = false) throws {
        process.executableURL = CommandRunner.executable
        process.arguments = arguments
        process.currentDirectoryURL = CommandRunner.repositoryRoot
        process.standardOutput = output
        process.standardError = mergeStandardError ? output : FileHandle.nullDevice
        process.terminationHandler = { [condition, weak self] process in
            condition.lock()
            self?.exitStatus = process.terminationStatus
            condition.broadcast()
            condition.unlock()
        }
        try CommandRunner.launch(process)
        Thread { [self] in drain() }.start()
    }

    private func drain() {
        let handle = output.fileHandleForReading
        var pending = Data()
        while true {
            let chunk = CommandRunner.readChunk(handle)
            condition.lock()
            if chunk.isEmpty {
                if !pending.isEmpty { lines.append(String(decoding: pending, as: UTF8.self)) }
                outputEnded = true
                condition.broadcast()
                condition.unlock()
                return
            }
            pending.append(chunk)
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                lines.append(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                pending.removeSubrange(pending.startIndex...newline)
            }
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Waits for a line starting with `prefix`; `nil` if the process ended or `timeout` passed first.
    func waitForLine(startingWith prefix: String, timeout: Duration = .seconds(90)) async -> String? {
        await waitForLine(timeout: timeout) { $0.hasPrefix(prefix) }
    }

    /// Waits for a line (after those an earlier wait already went past) matching `matches`;
    /// `nil` if the output ended or `timeout` passed first.
    func waitForLine(timeout: Duration = .seconds(90), where matches: @escaping @Sendable (String) -> Bool) async -> String? {
        let deadline = Date().addingTimeInterval(timeout.inSeconds)
        return await onOwnThread { [self] in
            condition.lock()
            defer { condition.unlock() }
            while true {
                while cursor < lines.count {
                    let line = lines[cursor]
                    cursor += 1
                    if matches(line) { return line }
                }
                if outputEnded || !condition.wait(until: deadline) { return nil }
            }
        }
    }

    /// Waits for the process to exit; its status, or `nil` if it is still running at `timeout`.
    func waitForExit(timeout: Duration = .seconds(60)) async -> Int32? {
        let deadline = Date().addingTimeInterval(timeout.inSeconds)
        return await onOwnThread { [self] in
            condition.lock()
            defer { condition.unlock() }
            while exitStatus == nil, condition.wait(until: deadline) {}
            return exitStatus
        }
    }

    /// Sends SIGTERM and waits for the exit status. A process still running at `timeout` is
    /// killed and `nil` returned, so a shutdown that hangs fails the test instead of the run.
    func terminate(timeout: Duration = .seconds(60)) async -> Int32? {
        process.terminate()
        if let status = await waitForExit(timeout: timeout) { return status }
        await kill()
        return nil
    }

    /// Sends SIGKILL and waits until the process is gone.
    func kill() async {
        Glibc.kill(process.processIdentifier, SIGKILL)
        _ = await waitForExit()
    }

    /// The last `count` lines of output, for a failure message.
    func lastLines(_ count: Int = 30) -> String {
        condition.lock()
        defer { condition.unlock() }
        return lines.suffix(count).joined(separator: "\n")
    }

    /// Runs a blocking wait on a thread of its own, off Swift's cooperative pool.
    private func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: body()) }.start()
        }
    }
}
