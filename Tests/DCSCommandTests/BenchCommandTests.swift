import Testing

/// `dcs bench` refuses figures it cannot measure before it starts a cluster.
@Suite("dcs bench settings")
struct BenchCommandTests {
    @Test(arguments: [
        (["--messages", "500"], "--messages must be 1,000 to 150,000 (embedded cluster retention)"),
        (["--latency-seconds", "0"], "--latency-seconds must be 1 to 300"),
        (["--latency-seconds", "301"], "--latency-seconds must be 1 to 300"),
        (["--latency-rate", "0"], "--latency-rate must be 1 to 5,000 requests per second"),
        (["--latency-rate", "5001"], "--latency-rate must be 1 to 5,000 requests per second"),
    ])
    func aBadSettingIsRefused(arguments: [String], refusal: String) async throws {
        let result = try await CommandRunner.run(["bench"] + arguments)
        #expect(result.status != 0)
        #expect(result.stderr.contains(refusal), "\(result.stderr)")
        #expect(!result.stdout.contains("raw pass-through"), "nothing was measured")
    }
}
