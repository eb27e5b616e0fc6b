import Foundation

/// How much traffic the station simulator sends.
public struct SimulationConfiguration: Sendable {
    /// Requests per second offered. Default 200.
    public var rate: Double
    /// How long traffic is sent. Default 30 s.
    public var duration: Duration
    /// Stations sending, spread over the demo wards. Default 50.
    public var stations: Int
    /// After the last request, how long to wait for outstanding outcomes. Default 60 s.
    public var drainTimeout: Duration
    /// Seed of the traffic mix. Default 2025.
    public var seed: UInt64

    public init(rate: Double = 200, duration: Duration = .seconds(30), stations: Int = 50, drainTimeout: Duration = .seconds(60), seed: UInt64 = 2025) {
        self.rate = rate
        self.duration = duration
        self.stations = stations
        self.drainTimeout = drainTimeout
        self.seed = seed
    }
}

/// A progress report, about once a second.
public struct SimulationProgress: Sendable {
    public var elapsed: Duration
    public var sent: Int
    public var answered: Int
    public var sending: Bool
}
