/// Which witnesses cosigned a checkpoint, and whether enough did.
///
/// Only signature lines whose (name, key id) is a listed witness's count; other lines
/// (the log's own signature, unknown cosigners) are ignored. A listed witness's line that
/// does not verify is an error, never skipped: it is a forged or damaged cosignature.
/// A witness counts once however many valid lines it has.
public enum WitnessPolicy {
    /// The names of the listed witnesses that validly cosigned `note`, in list order.
    /// Throws `.corrupt` when a listed witness's cosignature is present but invalid.
    public static func cosigners(note: SignedNote, witnesses: [CosignatureVerifier]) throws -> [String] {
        var names: [String] = []
        var seen: Set<CosignatureVerifier> = []
        for witness in witnesses where seen.insert(witness).inserted {
            var valid = false
            for signature in note.signatures where witness.matches(signature) {
                guard witness.verifiedTimestamp(signature, text: note.text) != nil else {
                    throw LedgerError(.corrupt, "cosignature by \(witness.label) does not verify")
                }
                valid = true
            }
            if valid { names.append(witness.name) }
        }
        return names
    }

    /// The names of the witnesses that validly cosigned `note`; throws `.corrupt` when
    /// fewer than `quorum` did (naming how many of which), or when a listed witness's
    /// cosignature is invalid.
    public static func check(note: SignedNote, witnesses: [CosignatureVerifier], quorum: Int) throws -> [String] {
        let names = try cosigners(note: note, witnesses: witnesses)
        guard names.count >= quorum else {
            let listed = Set(witnesses).count
            let which = names.isEmpty ? "none" : names.joined(separator: ", ")
            throw LedgerError(.corrupt, "\(names.count) of \(listed) witnesses cosigned (\(which)); the quorum is \(quorum)")
        }
        return names
    }
}
