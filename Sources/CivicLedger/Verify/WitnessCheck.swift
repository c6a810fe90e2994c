/// The witness side of `civic verify`: over every kept checkpoint of a ledger, checks each
/// listed witness's cosignatures and finds the newest checkpoint with at least `quorum`
/// valid ones. Run it after `LedgerVerifier`, which checks the log's own signatures.
public struct WitnessCheck {
    public struct Result: Equatable, Sendable {
        /// The newest kept checkpoint that carries a quorum of cosignatures.
        public let size: UInt64
        /// The witnesses that validly cosigned it, in the order they were listed.
        public let witnesses: [String]
    }

    public let witnesses: [CosignatureVerifier]
    public let quorum: Int

    /// `quorum` must be 1 … the number of distinct witnesses (`.usage` otherwise).
    public init(witnesses: [CosignatureVerifier], quorum: Int? = nil) throws {
        let distinct = Set(witnesses).count
        guard distinct > 0 else { throw LedgerError(.usage, "a witness check needs at least one witness key") }
        let quorum = quorum ?? distinct
        guard quorum >= 1, quorum <= distinct else {
            throw LedgerError(.usage, "quorum \(quorum) must be between 1 and the number of witnesses, \(distinct)")
        }
        self.witnesses = witnesses
        self.quorum = quorum
    }

    /// Throws `.corrupt` when any listed witness's cosignature on any kept checkpoint does
    /// not verify, or when no kept checkpoint carries a quorum.
    public func run(reader: LedgerReader) throws -> Result {
        var best: Result?
        for size in reader.checkpointSizes {
            let path = reader.layout.checkpointPath(size: size)
            let note: SignedNote
            do { note = try SignedNote.parse(try reader.checkpointBytes(size: size)) } catch let error as LedgerError {
                throw LedgerError(.corrupt, "\(path): \(error.message)")
            }
            let names: [String]
            do { names = try WitnessPolicy.cosigners(note: note, witnesses: witnesses) } catch let error as LedgerError {
                throw LedgerError(.corrupt, "\(path): \(error.message)")
            }
            if names.count >= quorum { best = Result(size: size, witnesses: names) }
        }
        guard let best else {
            throw LedgerError(.corrupt, "no kept checkpoint carries \(quorum) valid cosignatures by the \(Set(witnesses).count) listed witnesses")
        }
        return best
    }
}
