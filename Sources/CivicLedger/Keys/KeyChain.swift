/// The ledger's signing keys over time, as a verifier learns them: the pinned first key,
/// then one key per `key` entry, each entry signed by the key before it (`sig`) and by the
/// key it introduces (`new_sig`). A checkpoint of size `n` must be signed by the key in
/// force after entry `n − 1`: the newest key introduced by a `key` entry with seq < n, or
/// the pinned key when there is none. So the checkpoint that first covers a rotation is
/// signed by the new key, and a retired key can never sign a tree that holds its retirement.
public struct KeyChain: Sendable, Equatable {
    public struct Rotation: Sendable, Equatable {
        /// The seq of the `key` entry.
        public let seq: UInt64
        /// The key it introduced.
        public let verifier: NoteVerifier
    }

    public let pinned: NoteVerifier
    public private(set) var rotations: [Rotation] = []

    public init(pinned: NoteVerifier) {
        self.pinned = pinned
    }

    /// A chain already checked once and kept by its holder (a witness's own state).
    init(pinned: NoteVerifier, rotations: [Rotation]) {
        self.pinned = pinned
        self.rotations = rotations
    }

    /// The key in force after the last rotation followed.
    public var current: NoteVerifier { rotations.last?.verifier ?? pinned }

    /// Every key of the chain, oldest first.
    public var keys: [NoteVerifier] { [pinned] + rotations.map(\.verifier) }

    /// The key that must sign a checkpoint of `size`.
    public func verifier(forCheckpointSize size: UInt64) -> NoteVerifier {
        rotations.last(where: { $0.seq < size })?.verifier ?? pinned
    }

    /// The seq of the `key` entry that retired `verifier`, or nil when it is the current key
    /// or not in the chain.
    public func retirement(of verifier: NoteVerifier) -> UInt64? {
        let keys = self.keys
        guard let position = keys.firstIndex(of: verifier), position < rotations.count else { return nil }
        return rotations[position].seq
    }

    /// Checks a `key` entry against the key in force and appends the key it introduces.
    /// Throws (`.invalidKey`) naming the seq and what is wrong: entries out of order, a
    /// missing or failing signature, a key named other than the origin, or a key (name and
    /// key id) already used, which would make signatures ambiguous.
    public mutating func follow(_ entry: Entry) throws {
        guard let rotation = entry.body.payload.keyRotation else {
            preconditionFailure("only key entries are followed")
        }
        let seq = entry.seq
        func failure(_ what: String) -> LedgerError { LedgerError(.invalidKey, "seq \(seq): key entry: \(what)") }
        guard seq > (rotations.last?.seq ?? 0) else { throw failure("key entries are followed in log order") }
        guard let old = rotation.signature, let new = rotation.newKeySignature,
              let rotationMessage = entry.keyRotationMessage(), let possessionMessage = entry.keyPossessionMessage() else {
            throw failure("it carries no signatures")
        }
        let next: NoteVerifier
        do { next = try NoteVerifier(vkey: rotation.vkey) } catch let error as LedgerError {
            throw failure(error.message)
        }
        guard next.name == pinned.name else {
            throw failure("the new key is named \(next.name), not the origin \(pinned.name)")
        }
        guard !keys.contains(where: { $0.keyID == next.keyID }) else {
            throw failure("the new key has the key id of an earlier key of this ledger")
        }
        guard current.publicKey.isValidSignature(old, for: rotationMessage) else {
            throw failure("sig does not verify under the key in force, \(KeyChain.label(current))")
        }
        guard next.publicKey.isValidSignature(new, for: possessionMessage) else {
            throw failure("new_sig does not verify under the new key \(KeyChain.label(next))")
        }
        rotations.append(Rotation(seq: seq, verifier: next))
    }

    /// Verifies `note`, a checkpoint of `size`, under the key in force for that size. A
    /// signature by another key of the chain is named: a retired key signing after its
    /// retirement, or a new key signing before the entry that introduced it.
    public func check(_ note: SignedNote, size: UInt64) throws {
        let expected = verifier(forCheckpointSize: size)
        do {
            try note.verify([expected])
        } catch let error as LedgerError {
            let others = keys.filter { key in key != expected && note.signatures.contains { $0.name == key.name && $0.keyID == key.keyID } }
            guard let other = others.first else { throw error }
            if let retired = retirement(of: other), retired < size {
                throw LedgerError(.invalidNote, "signed by the retired key \(KeyChain.label(other)) (retired by the key entry at seq \(retired)); a checkpoint of size \(size) must be signed by \(KeyChain.label(expected))")
            }
            throw LedgerError(.invalidNote, "signed by \(KeyChain.label(other)), which is not yet in force at size \(size); it must be signed by \(KeyChain.label(expected))")
        }
    }

    /// `name+keyid`: how messages name a key (the public key itself adds nothing a reader
    /// can check by eye).
    public static func label(_ verifier: NoteVerifier) -> String {
        "\(verifier.name)+\(NoteVerifier.hexID(verifier.keyID))"
    }
}
