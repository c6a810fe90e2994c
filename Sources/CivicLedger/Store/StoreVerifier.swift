/// Verifies a ledger in any `LedgerStore` against one pinned key, streaming, in memory
/// bounded by the number of checkpoints: every checkpoint's signed link to the one before;
/// every entry's canonical form, seq and prev chain; the genesis names the checkpoints'
/// origin; the root at every kept checkpoint and at a checkpoint held earlier; each
/// checkpoint's signature under the key in force at its size (the pinned key, then the key
/// of each `key` entry followed, as `LedgerVerifier` does); and every stored tree hash
/// against the hashes recomputed from the entries. Failures are tagged with the integrity
/// rule they break, so the audit reports them as findings. (The directory engine's own
/// files — index, id index, segments — are checked by `LedgerVerifier`, which knows them.)
public struct StoreVerifier {
    /// Stored hashes compared per read.
    static let hashPageCount = 4096
    let store: any LedgerStore
    let verifiers: [NoteVerifier]

    public init(store: any LedgerStore, verifiers: [NoteVerifier]) {
        self.store = store
        self.verifiers = verifiers
    }

    /// `observe` sees each entry once it has passed every check, in log order (the audit's
    /// rules and the 360Giving export run there, so each is one pass over the log).
    public func verify(heldCheckpoint: SignedNote? = nil, observe: ((Entry) -> Void)? = nil) throws -> VerificationReport {
        guard verifiers.count == 1 else {
            throw LedgerError(.usage, "verify takes exactly one pinned verifier key (later keys are followed through key entries)")
        }
        let chain = try checkpointChain()
        var roots = chain.roots
        var held: (size: UInt64, note: SignedNote)?
        if let heldCheckpoint {
            let checkpoint = try checkHeld(heldCheckpoint, origin: chain.origin, size: chain.size)
            if let root = roots[checkpoint.size], root != checkpoint.root {
                throw LedgerError.integrity(.consistency, "the held checkpoint at size \(checkpoint.size) has a different root from the ledger's own checkpoint: the log was forked")
            }
            roots[checkpoint.size] = checkpoint.root
            held = (checkpoint.size, heldCheckpoint)
        }
        var scan = StoreScan(store: store, origin: chain.origin, roots: roots, notes: chain.notes, held: held,
                             keys: KeyChain(pinned: verifiers[0]))
        scan.observer = observe
        let root = try scan.run(size: chain.size)
        return VerificationReport(origin: chain.origin, size: chain.size, root: root, checkpointCount: chain.notes.count,
                                  unlinkedCheckpointCount: chain.unlinkedCount, heldCheckpointSize: held?.size,
                                  tailByteCount: 0, keys: scan.keys)
    }

    /// Parses every kept checkpoint (their signatures are checked by the scan, each at its
    /// size) and checks their origin and the signed links between them.
    private func checkpointChain() throws -> (origin: String, size: UInt64, roots: [UInt64: Hash32], notes: [UInt64: SignedNote], unlinkedCount: Int) {
        let sizes = try store.checkpointSizes()
        guard let newest = sizes.last else { throw LedgerError(.notALedger, "\(store.location) has no checkpoint") }
        var roots: [UInt64: Hash32] = [:]
        var notes: [UInt64: SignedNote] = [:]
        var below: UInt64 = 0
        var unlinked = 0
        for size in sizes {
            let (checkpoint, note) = try parsedCheckpoint(size: size)
            guard checkpoint.origin == verifiers[0].name else {
                throw LedgerError.integrity(.signature, "\(store.location): the checkpoint at size \(size) has origin \(checkpoint.origin), not the name of the trusted key, \(verifiers[0].name)")
            }
            let link: UInt64?
            do { link = try checkpoint.previousSize() } catch let error as LedgerError {
                throw LedgerError.integrity(.signature, "\(store.location): the checkpoint at size \(size): \(error.message)")
            }
            if let link, link != below {
                throw LedgerError.integrity(.store, "\(store.location): the checkpoint at size \(size) names size \(link) as the one before it, but the kept one before it is \(below) (a checkpoint was removed or inserted)")
            }
            if link == nil { unlinked += 1 }
            roots[size] = checkpoint.root
            notes[size] = note
            below = size
        }
        return (verifiers[0].name, newest, roots, notes, unlinked)
    }

    private func parsedCheckpoint(size: UInt64) throws -> (Checkpoint, SignedNote) {
        do {
            let note = try SignedNote.parse(try store.checkpointBytes(size: size))
            let checkpoint = try Checkpoint(text: note.text)
            guard checkpoint.size == size else { throw LedgerError(.corrupt, "it says size \(checkpoint.size)") }
            return (checkpoint, note)
        } catch let error as LedgerError where error.code != .io {
            throw LedgerError.integrity(.signature, "\(store.location): the checkpoint at size \(size): \(error.message)")
        }
    }

    private func checkHeld(_ held: SignedNote, origin: String, size: UInt64) throws -> Checkpoint {
        let checkpoint: Checkpoint
        do { checkpoint = try Checkpoint(text: held.text) } catch let error as LedgerError {
            throw LedgerError.integrity(.signature, "held checkpoint: \(error.message)")
        }
        guard checkpoint.origin == origin else {
            throw LedgerError.integrity(.consistency, "held checkpoint is for origin \(checkpoint.origin), not \(origin)")
        }
        guard checkpoint.size <= size else {
            throw LedgerError.integrity(.consistency, "held checkpoint covers \(checkpoint.size) entries but the ledger now holds \(size): history was cut back")
        }
        return checkpoint
    }
}
