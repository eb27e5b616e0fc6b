extension Duration {
    /// The duration in seconds as a floating-point number: for `Date` arithmetic, `Thread.sleep`,
    /// rates and latency figures.
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
