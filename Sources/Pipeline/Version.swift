/// The version of vorlage, printed by `vorlage --version` and recorded in every manifest.
public enum VorlageVersion {
    public static let current = "0.4.0"
    /// The generator as the manifest names it.
    public static var generator: String { "vorlage \(current)" }
}
