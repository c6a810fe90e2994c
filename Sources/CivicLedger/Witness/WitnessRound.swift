/// One round of asking a ledger's witnesses to cosign its newest kept checkpoint, as
/// `civic witness ask` and `civic serve --witness` do it: every witness is asked at once,
/// each from the size it last cosigned as far as the log knows (a 409 names the right one
/// and the request is sent again from there), and the valid cosignatures are attached to
/// the kept checkpoint.
public enum WitnessRound {
    /// What one witness did in the round.
    public struct Answer: Equatable, Sendable {
        public let witness: CosignatureVerifier
        /// Its valid cosignature lines, or empty when it did not cosign.
        public let cosignatures: [SignedNote.Signature]
        /// The size the witness is now known to have cosigned (nil when unknown).
        public let latestSize: UInt64?
        /// Why it did not cosign (nil when it did).
        public let problem: String?
    }

    /// How many 409 answers one witness may give in a round before it is given up on.
    static let conflictCountMax = 2

    /// The size each witness last cosigned, read from the ledger's kept checkpoints: the
    /// newest one carrying a valid cosignature by it (0 when none does). At most
    /// `scanCountMax` checkpoints are read, newest first.
    public static func knownSizes(reader: LedgerReader, witnesses: [CosignatureVerifier], scanCountMax: Int = 1_000) -> [UInt64] {
        var sizes = [UInt64](repeating: 0, count: witnesses.count)
        var open = Set(witnesses.indices)
        for size in reader.checkpointSizes.reversed().prefix(scanCountMax) where !open.isEmpty {
            // An unreadable kept checkpoint is `verify`'s to report; here it only tells nothing.
            guard let bytes = try? reader.checkpointBytes(size: size), let note = try? SignedNote.parse(bytes) else { continue }
            for index in open where note.signatures.contains(where: {
                witnesses[index].matches($0) && witnesses[index].verifiedTimestamp($0, text: note.text) != nil
            }) {
                sizes[index] = size
                open.remove(index)
            }
        }
        return sizes
    }

    /// Asks every witness to cosign `note` (the checkpoint of size `checkpoint.size`),
    /// witness i starting from `knownSizes[i]`; `proof(old, new)` gives a consistency proof.
    public static func ask(_ clients: [WitnessClient], note: SignedNote, knownSizes: [UInt64],
                           proof: @escaping @Sendable (UInt64, UInt64) throws -> [Hash32]) async -> [Answer] {
        precondition(clients.count == knownSizes.count, "one known size a witness")
        return await withTaskGroup(of: (Int, Answer).self) { group in
            for (index, client) in clients.enumerated() {
                group.addTask { (index, await ask(client, note: note, from: knownSizes[index], proof: proof)) }
            }
            var answers: [Answer?] = Array(repeating: nil, count: clients.count)
            for await (index, answer) in group { answers[index] = answer }
            return answers.map { $0! }
        }
    }

    static func ask(_ client: WitnessClient, note: SignedNote, from known: UInt64,
                    proof: (UInt64, UInt64) throws -> [Hash32]) async -> Answer {
        var latest: UInt64? = nil
        do {
            let size = try Checkpoint(text: note.text).size
            // A size the log does not have yet cannot be a start; 0 asks the witness for its own.
            var old = known <= size ? known : 0
            for _ in 0...conflictCountMax {
                switch try await client.add(note: note, oldSize: old, proof: old == 0 ? [] : try proof(old, size)) {
                case .cosigned(let lines):
                    return Answer(witness: client.key, cosignatures: lines, latestSize: size, problem: nil)
                case .conflict(let named):
                    latest = named
                    guard named <= size else {
                        throw LedgerError(.refused, "witness \(client.key.name) has cosigned size \(named), larger than this checkpoint's \(size): it was shown a larger tree of this log")
                    }
                    guard named != old else {
                        throw LedgerError(.io, "witness \(client.key.name) answered 409 naming the old size it was sent, \(old)")
                    }
                    old = named
                }
            }
            throw LedgerError(.io, "witness \(client.key.name) answered 409 \(conflictCountMax + 1) times in a row")
        } catch let error as LedgerError {
            return Answer(witness: client.key, cosignatures: [], latestSize: latest, problem: error.message)
        } catch {
            return Answer(witness: client.key, cosignatures: [], latestSize: latest, problem: "\(error)")
        }
    }

    /// The log's own signature lines of `note` and the answers' cosignatures: what
    /// `CosignatureAttacher` takes (other kept lines stay in the kept file as they are).
    public static func cosigned(_ note: SignedNote, origin: String, answers: [Answer]) -> SignedNote {
        SignedNote(text: note.text, signatures: note.signatures.filter { $0.name == origin } + answers.flatMap(\.cosignatures))
    }
}
