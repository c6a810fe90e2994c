/// Which integrity rule of the catalogue (RULES.md, INT-*) a verification failure breaks,
/// so the audit can report it under its id.
public enum IntegrityCheck: String, Sendable, CaseIterable {
    /// seq runs 0, 1, 2, … and `prev` is the previous leaf hash; one genesis, first.
    case chain = "INT-CHAIN"
    /// The root at every checkpoint's size equals the checkpoint's root.
    case tree = "INT-TREE"
    /// Every checkpoint verifies under the trusted key.
    case signature = "INT-SIG"
    /// A checkpoint held earlier is consistent with the ledger.
    case consistency = "INT-CONSIST"
    /// Every entry is canonical, schema-valid and within limits.
    case canonical = "INT-CANON"
    /// No partial record but a recoverable tail; index, tree and derived files agree.
    case store = "INT-STORE"
}

extension LedgerError {
    /// A verification failure, tagged with the integrity rule it breaks.
    public static func integrity(_ check: IntegrityCheck, _ message: String) -> LedgerError {
        LedgerError(.corrupt, message, integrity: check)
    }
}
