/// The one place the software version is written; `civic --version` prints `text`.
public enum Version {
    /// Semantic version of CivicLedger (the library and the `civic` command).
    public static let software = "0.9.0"

    /// `0.9.0 (entry schema v1)`: the software and the entry format it writes.
    public static var text: String { "\(software) (entry schema v\(Entry.formatVersion))" }
}
