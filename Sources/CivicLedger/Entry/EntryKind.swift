/// The kinds of entry schema v1, spelled as in the `kind` field.
public enum EntryKind: String, CaseIterable, Sendable {
    case genesis, fund, donation, contribution, disbursement, transfer, reversal, key, backfill
}
