import Foundation
import Testing

/// The test harness's own promise: a `dcs` process that never prints what a test waits for, or
/// never stops, fails that test within its deadline instead of hanging the whole run.
@Suite("Running dcs processes with deadlines", .timeLimit(.minutes(2)))
struct RunningCommandTests {
    @Test func aLineThatNeverComesEndsTheWaitAtItsDeadline() async throws {
        let broker = try RunningCommand(["broker", "--brokers", "1", "--log-level", "error"])
        #expect(await broker.waitForLine(startingWith: "bootstrap servers: ") != nil)
        let started = ContinuousClock.now
        #expect(await broker.waitForLine(timeout: .seconds(1)) { $0.hasPrefix("never printed") } == nil)
        #expect(ContinuousClock.now - started < .seconds(30), "the wait ended at its deadline, not at the process's exit")
        #expect(broker.isRunning, "the deadline, not the process ending, ended the wait")
        #expect(await broker.terminate() == 0)
    }

    @Test func aProcessThatIgnoresItsDeadlineIsKilled() async throws {
        let broker = try RunningCommand(["broker", "--brokers", "1", "--log-level", "error"])
        #expect(await broker.waitForLine(startingWith: "bootstrap servers: ") != nil)
        // Stopped (SIGSTOP), it cannot act on SIGTERM: the wait for its exit must give up and kill it.
        broker.send(SIGSTOP)
        #expect(await broker.terminate(timeout: .seconds(1)) == nil)
        #expect(!broker.isRunning)
    }
}
