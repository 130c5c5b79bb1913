extension Duration {
    /// The duration in milliseconds, as the worker protocol and the statistics carry it.
    var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }

    /// A duration of `milliseconds`.
    static func milliseconds(_ milliseconds: Double) -> Duration {
        .nanoseconds(Int64((milliseconds * 1_000_000).rounded()))
    }
}
