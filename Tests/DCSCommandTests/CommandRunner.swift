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

/// A long-running `dcs` process (e.g. `dcs broker`) whose output is read line by line.
final class RunningCommand: @unchecked Sendable {
    // @unchecked Sendable: `process` is only started and signalled; the pipe is read by one thread at a time.
    let process = Process()
    private let output = Pipe()
    private var pending = Data()

    /// - Parameter mergeStandardError: read log lines (standard error) along with the output.
    init(_ arguments: [String], mergeStandardError: Bool = false) throws {
        process.executableURL = CommandRunner.executable
        process.arguments = arguments
        process.currentDirectoryURL = CommandRunner.repositoryRoot
        process.standardOutput = output
        process.standardError = mergeStandardError ? output : FileHandle.nullDevice
        try CommandRunner.launch(process)
    }

    /// Reads output until a line starting with `prefix` appears; `nil` if the process ended first.
    func waitForLine(startingWith prefix: String) async -> String? {
        await waitForLine { $0.hasPrefix(prefix) }
    }

    /// Reads output until a line matching `matches` appears; `nil` if the process ended first.
    func waitForLine(where matches: @escaping @Sendable (String) -> Bool) async -> String? {
        await withCheckedContinuation { continuation in
            Thread { [self] in
                let handle = output.fileHandleForReading
                while true {
                    if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                        let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                        pending.removeSubrange(pending.startIndex...newline)
                        if matches(line) { continuation.resume(returning: line); return }
                        continue
                    }
                    let chunk = CommandRunner.readChunk(handle)
                    if chunk.isEmpty { continuation.resume(returning: nil); return }
                    pending.append(chunk)
                }
            }.start()
        }
    }

    /// Sends SIGTERM and waits for the exit status.
    func terminate() async -> Int32 {
        process.terminate()
        return await withCheckedContinuation { continuation in
            Thread { [process] in
                process.waitUntilExit()
                continuation.resume(returning: process.terminationStatus)
            }.start()
        }
    }
}
