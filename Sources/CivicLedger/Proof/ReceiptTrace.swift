/// The trace of a receipt's donation (`civic receipt --trace`): the canonical JSON that
/// `civic trace --format json` prints at the receipt's checkpoint, on one line. A verifier
/// can check that it is well formed and bound to the receipt's entry and checkpoint; that
/// the entries it names say what it says, and that the allocation follows the rule, only
/// someone with the entries up to that checkpoint can check (by re-deriving it).
struct ReceiptTrace: Equatable, Sendable {
    static let label = "trace"

    let bytes: [UInt8]
    let trace: DonationTrace

    init(bytes: [UInt8]) throws {
        self.bytes = bytes
        trace = try DonationTrace.parse(bytes)
    }

    init(trace: DonationTrace) throws {
        bytes = try trace.canonicalBytes()
        self.trace = trace
    }

    /// The trace is of `entry` (seq, id, date, fund, amount), at `checkpoint` with the very
    /// note the receipt carries, and says reversed exactly when the receipt shows the reversal.
    func check(entry: Entry, checkpoint: Checkpoint, note: SignedNote, reversal: Entry?) throws {
        guard case .donation(let donation) = entry.body.payload else {
            throw LedgerError(.invalidProof, "the receipt's trace is for a donation, but its entry is a \(entry.body.kind.rawValue)")
        }
        let traced = trace.donation
        guard traced == DonationTrace.Donation(seq: entry.seq, id: entry.body.id, date: entry.body.date,
                                               fund: donation.fund, amount: donation.amount) else {
            throw LedgerError(.invalidProof, "the receipt's trace is not of its entry (seq, id, date, fund or amount differ)")
        }
        guard trace.checkpoint == checkpoint, trace.note.serialized == note.serialized else {
            throw LedgerError(.invalidProof, "the receipt's trace is not bound to the receipt's checkpoint")
        }
        let shown = reversal.map { DonationTrace.Reversal(seq: $0.seq, date: $0.body.date) }
        guard trace.reversal == shown else {
            throw LedgerError(.invalidProof, "the receipt's trace and its reversal section disagree on whether the donation was reversed")
        }
    }
}
