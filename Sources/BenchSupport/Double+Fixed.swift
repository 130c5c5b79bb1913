/// Decimal figures for reports that are timed from outside.
extension Double {
    /// The number rounded to `digits` decimals, written with a point: `fixed(2)` of 0.456 is
    /// "0.46".
    ///
    /// `String(format:)` packs its arguments as `CVarArg`s, and the Swift runtime answers the
    /// first of each of those casts by scanning every protocol conformance of the program: the
    /// peers' report took about 49 such scans of some 75,000 instructions each, after the last
    /// document was committed and before the process could end (gdb on
    /// `swift_conformsToProtocolMaybeInstantiateSuperclasses`: 91 scans per run before, 42 after).
    public func fixed(_ digits: Int) -> String {
        var scale = 1.0
        for _ in 0 ..< digits { scale *= 10 }
        // Beyond what an Int holds (and for infinity and NaN), Swift's own description.
        guard isFinite, abs(self) * scale < 9e18 else { return "\(self)" }
        let scaled = Int((abs(self) * scale).rounded())
        let unit = Int(scale)
        let whole = "\(self < 0 && scaled != 0 ? "-" : "")\(scaled / unit)"
        guard digits > 0 else { return whole }
        let fraction = "\(scaled % unit)"
        return whole + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }
}
