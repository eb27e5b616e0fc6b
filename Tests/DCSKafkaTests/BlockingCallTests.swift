import Foundation
import Testing
@testable import DCSKafka

/// Blocking librdkafka calls run on threads of their own, named so that `top -H` and perf tell
/// the consumer's poll thread from the producer's.
@Suite("Blocking calls")
struct BlockingCallTests {
    @Test func runsOffTheCallerOnAThreadTheKernelKnowsByName() async throws {
        let (comm, isMain) = await BlockingCall.run(name: "kafka-test") {
            ((try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? "", Thread.isMainThread)
        }
        #expect(comm.trimmingCharacters(in: .newlines) == "kafka-test")
        #expect(!isMain)
    }
}
