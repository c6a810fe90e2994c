/// Checks a whole ledger against a trusted verifier key, streaming, in memory bounded by
/// the number of checkpoints: every entry's canonical form and schema, the seq and `prev`
/// chain, the index and the stored tree hashes, the root at every kept checkpoint, every
/// checkpoint's signature, and optionally consistency with a checkpoint held earlier.
/// Throws `.corrupt` naming the first bad seq, file or offset.
public struct LedgerVerifier {
    let reader: LedgerReader
    let verifiers: [NoteVerifier]

    public init(directory: String, verifiers: [NoteVerifier]) throws {
        precondition(!verifiers.isEmpty, "verification needs a trust anchor")
        self.reader = try LedgerReader(directory: directory)
        self.verifiers = verifiers
    }

    /// `observe` sees each entry once it has passed every check, in log order: the audit
    /// runs its rules there, so a whole audit is one pass over the log. The checkpoints'
    /// signatures are checked as the scan reaches their sizes, each under the key in force
    /// there: the pinned key, then the key of each `key` entry followed (`KeyChain`).
    public func verify(heldCheckpoint: SignedNote? = nil, observe: ((Entry) -> Void)? = nil) throws -> VerificationReport {
        guard verifiers.count == 1 else {
            // Hostile callers (a fuzzer, a library user) must get an error, never a trap.
            throw LedgerError(.usage, "verify takes exactly one pinned verifier key (later keys are followed through key entries)")
        }
        let roots = try checkpointRoots()
        let origin = roots.origin
        var expected = roots.bySize
        var held: (size: UInt64, note: SignedNote)?
        if let heldCheckpoint {
            let checkpoint = try checkHeld(heldCheckpoint, origin: origin)
            if let root = expected[checkpoint.size], root != checkpoint.root {
                throw LedgerError.integrity(.consistency, "the held checkpoint at size \(checkpoint.size) has a different root from the ledger's own checkpoint: the log was forked")
            }
            expected[checkpoint.size] = checkpoint.root
            held = (checkpoint.size, heldCheckpoint)
        }
        var scan = try EntryScan(reader: reader, origin: origin, expectedRoots: expected,
                                 notes: roots.notes, held: held, keys: KeyChain(pinned: verifiers[0]))
        scan.observer = observe
        let root = try scan.run()
        try DerivedState.check(reader.layout, size: reader.size)
        try KeyIndex.check(reader, scanned: scan.keys.rotations.map(\.seq))
        return VerificationReport(origin: origin, size: reader.size, root: root, checkpointCount: roots.bySize.count,
                                  unlinkedCheckpointCount: roots.unlinkedCount,
                                  heldCheckpointSize: held?.size, tailByteCount: try scan.tailByteCount(),
                                  keys: scan.keys)
    }

    /// Parses every kept checkpoint and checks the links between them; returns their roots
    /// and notes by size (the scan checks each signature at its size).
    private func checkpointRoots() throws -> (origin: String, bySize: [UInt64: Hash32], notes: [UInt64: SignedNote], unlinkedCount: Int) {
        var roots: [UInt64: Hash32] = [:]
        var notes: [UInt64: SignedNote] = [:]
        var links: [UInt64?] = []
        var origin: String?
        for size in reader.checkpointSizes {
            let (checkpoint, note) = try reader.checkpoints.verified(size: size) { _ in }
            let path = reader.layout.checkpointPath(size: size)
            guard note.signatures.contains(where: { $0.name == checkpoint.origin }) else {
                throw LedgerError.integrity(.signature, "\(path): origin \(checkpoint.origin) is not the name of the key that signed it")
            }
            guard checkpoint.origin == verifiers[0].name else {
                throw LedgerError.integrity(.signature, "\(path): origin \(checkpoint.origin) is not the name of the trusted key, \(verifiers[0].name)")
            }
            guard origin == nil || origin == checkpoint.origin else {
                throw LedgerError.integrity(.signature, "\(path): origin \(checkpoint.origin) differs from \(origin!)")
            }
            origin = checkpoint.origin
            roots[size] = checkpoint.root
            notes[size] = note
            do { links.append(try checkpoint.previousSize()) } catch let error as LedgerError {
                throw LedgerError.integrity(.signature, "\(path): \(error.message)")
            }
        }
        let unlinked = try CheckpointChain(layout: reader.layout).check(sizes: reader.checkpointSizes, links: links)
        return (origin!, roots, notes, unlinked)
    }

    private func checkHeld(_ held: SignedNote, origin: String) throws -> Checkpoint {
        let checkpoint: Checkpoint
        do { checkpoint = try Checkpoint(text: held.text) } catch let error as LedgerError {
            throw LedgerError.integrity(.signature, "held checkpoint: \(error.message)")
        }
        guard checkpoint.origin == origin else {
            throw LedgerError.integrity(.consistency, "held checkpoint is for origin \(checkpoint.origin), not \(origin)")
        }
        guard checkpoint.size <= reader.size else {
            throw LedgerError.integrity(.consistency, "held checkpoint covers \(checkpoint.size) entries but the ledger now holds \(reader.size): history was cut back")
        }
        return checkpoint
    }
}
