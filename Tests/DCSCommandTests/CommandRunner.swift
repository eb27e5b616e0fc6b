import DCSMessages
import Foundation

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

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs to completion and captures both streams.
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Output {
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "DCS_BROKERS")
        env.removeValue(forKey: "DCS_TOPICS_DIR")
        env.merge(environment) { _, new in new }
        let child = try ChildProcess(
            executable, arguments: arguments, environment: env, directory: repositoryRoot,
            standardOutput: .pipe, standardError: .pipe
        )
        // Both pipes read on their own threads so a full pipe never blocks the child.
        async let stdout = readAll(child.standardOutput!)
        async let stderr = readAll(child.standardError!)
        let (o, e) = await (stdout, stderr)
        child.closeOutput()
        let status = await onOwnThread { child.waitForExit() }
        return Output(status: status ?? -1, stdout: o, stderr: e)
    }

    private static func readAll(_ fd: Int32) async -> String {
        await onOwnThread { String(decoding: ChildProcess.readToEnd(fd), as: UTF8.self) }
    }

    /// Runs a blocking wait on a thread of its own, off Swift's cooperative pool.
    static func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: body()) }.start()
        }
    }
}

/// A long-running `dcs` process (e.g. `dcs broker`, `dcs worker`) whose output is read line by line.
///
/// A reader thread drains the process's output from launch to exit, so a chatty process never
/// blocks on a full pipe while the test is busy elsewhere, and every wait has a deadline: a
/// process that hangs fails its test with its last lines instead of hanging the test run.
final class RunningCommand: @unchecked Sendable {
    // @unchecked Sendable: `child` is only signalled and waited for; its output is read by the
    // one reader thread; the lines are guarded by `condition`.
    let child: ChildProcess
    private let condition = NSCondition()
    private var lines: [String] = []
    private var cursor = 0
    private var outputEnded = false

    /// - Parameter mergeStandardError: read log lines (standard error) along with the output.
    init(_ arguments: [String], mergeStandardError: Bool = false) throws {
        child = try ChildProcess(
            CommandRunner.executable, arguments: arguments, directory: CommandRunner.repositoryRoot,
            standardOutput: .pipe, standardError: mergeStandardError ? .standardOutput : .discard
        )
        Thread { [self] in drain() }.start()
    }

    private func drain() {
        let fd = child.standardOutput!
        var pending = Data()
        while true {
            let chunk = ChildProcess.readChunk(fd)
            condition.lock()
            if chunk.isEmpty {
                child.closeOutput()
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
        return await CommandRunner.onOwnThread { [self] in
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

    var isRunning: Bool { child.isRunning }

    /// Sends `signal` (e.g. SIGTERM from a `defer`, where nothing can be awaited).
    func send(_ signal: Int32) { child.send(signal) }

    /// Waits for the process to exit; its status, or `nil` if it is still running at `timeout`.
    func waitForExit(timeout: Duration = .seconds(60)) async -> Int32? {
        let deadline = Date().addingTimeInterval(timeout.inSeconds)
        return await CommandRunner.onOwnThread { [child] in child.waitForExit(until: deadline) }
    }

    /// Sends SIGTERM and waits for the exit status. A process still running at `timeout` is
    /// killed and `nil` returned, so a shutdown that hangs fails the test instead of the run.
    func terminate(timeout: Duration = .seconds(60)) async -> Int32? {
        child.send(SIGTERM)
        if let status = await waitForExit(timeout: timeout) { return status }
        await kill()
        return nil
    }

    /// Sends SIGKILL and waits until the process is gone.
    func kill() async {
        child.send(SIGKILL)
        _ = await waitForExit()
    }

    /// The last `count` lines of output, for a failure message.
    func lastLines(_ count: Int = 30) -> String {
        condition.lock()
        defer { condition.unlock() }
        return lines.suffix(count).joined(separator: "\n")
    }
}
