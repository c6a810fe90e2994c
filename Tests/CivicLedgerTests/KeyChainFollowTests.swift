import Foundation
import Testing
@testable import CivicLedger

/// The commands that are handed a key chain proof (`verify-consistency --keys`, `witness
/// cosign --keys`) on a ledger rotated twice (k0 → k1 at seq 4, k1 → k2 at seq 7; kept
/// checkpoints 1, 4, 5, 7, 8, 10): they start from the first key, follow the proof, and accept
/// only the key in force at each checkpoint's size.
@Suite struct KeyChainFollowTests {
    static func keys(_ reader: LedgerReader, size: UInt64) throws -> KeyChainProof? {
        try KeyChainProof.make(reader: reader, treeSize: size)
    }

    /// `file` with its newer checkpoint replaced by the same text signed by `signer`.
    static func resigned(_ file: ConsistencyProofFile, newer signer: NoteSigner) throws -> ConsistencyProofFile {
        ConsistencyProofFile(hashes: file.hashes, older: file.older, newer: try SignedNote.sign(text: file.newer.text, signers: [signer]))
    }

    @Test func consistencyAcrossRotationsVerifiesFromTheFirstKey() throws {
        let ledger = try RotatedLedger()
        defer { ledger.fixture.remove() }
        let reader = try LedgerReader(directory: ledger.fixture.directory)
        let sizes = reader.checkpointSizes
        for (index, from) in sizes.enumerated() {
            for to in sizes[index...] {
                let file = try ConsistencyProofFile.make(reader: reader, from: from, to: to)
                let chain = try Self.keys(reader, size: to)
                #expect(try file.verify(pinned: ledger.pinned, keys: chain).newer.size == to, "\(from) → \(to)")
                // Without the chain only trees before the first rotation's checkpoint verify.
                #expect(((try? file.verify(pinned: ledger.pinned)) != nil) == (to <= 4), "\(from) → \(to) without keys")
            }
        }
    }

    @Test func aRetiredKeySigningAfterItsRotationFailsWithTheChain() throws {
        let ledger = try RotatedLedger()
        defer { ledger.fixture.remove() }
        let reader = try LedgerReader(directory: ledger.fixture.directory)
        let chain = try #require(try Self.keys(reader, size: 10))
        for (from, retired) in [(UInt64(1), 0), (4, 1), (8, 1), (8, 0)] {
            let forged = try Self.resigned(try ConsistencyProofFile.make(reader: reader, from: from, to: 10), newer: ledger.keys[retired])
            let error = try #require(throws: LedgerError.self) { try forged.verify(pinned: ledger.pinned, keys: chain) }
            #expect(error.code == .invalidProof && error.message.contains("signed by the retired key"), "\(from) k\(retired): \(error.message)")
        }
        // A chain that leaves the second rotation out: the older checkpoint (size 8, k2)
        // no longer verifies, so the newer one cannot be passed off under k1.
        let partial = KeyChainProof(items: Array(chain.items.prefix(1)))
        let forged = try Self.resigned(try ConsistencyProofFile.make(reader: reader, from: 8, to: 10), newer: ledger.keys[1])
        let error = try #require(throws: LedgerError.self) { try forged.verify(pinned: ledger.pinned, keys: partial) }
        #expect(error.message.hasPrefix("older checkpoint: "), "\(error.message)")
        // The chain of another tree size (its inclusion proofs are for size 8) is refused.
        let other = try #require(try Self.keys(reader, size: 8))
        #expect(throws: LedgerError.self) { try ConsistencyProofFile.make(reader: reader, from: 8, to: 10).verify(pinned: ledger.pinned, keys: other) }
        // The first key pinned is the only anchor: pinning k2 verifies no checkpoint before it.
        #expect(throws: LedgerError.self) {
            try ConsistencyProofFile.make(reader: reader, from: 1, to: 10).verify(pinned: ledger.keys[2].verifier, keys: chain)
        }
    }

    @Test func aFileWitnessFollowsTheChainKeepsItAndRefusesTheRetiredKey() throws {
        let ledger = try RotatedLedger()
        defer { ledger.fixture.remove() }
        let reader = try LedgerReader(directory: ledger.fixture.directory)
        let state = ledger.fixture.directory + "-witness"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: state) }
        let signer = try CosignatureSigner.generate(name: "witness.example/file")
        let witness = Witness(signer: signer, log: ledger.pinned, stateDirectory: state)
        let proof: (UInt64, UInt64) throws -> [Hash32] = { try reader.consistencyProof(from: $0, to: $1) }
        let note: (UInt64) throws -> SignedNote = { try SignedNote.parse(try reader.checkpointBytes(size: $0)) }
        _ = try witness.cosign(try note(4), timestamp: 1, proof: proof)
        // Past the first rotation without a chain: refused, with the hint, and nothing saved.
        let unfollowed = try #require(throws: LedgerError.self) { try witness.cosign(try note(10), timestamp: 2, proof: proof) }
        #expect(unfollowed.code == .corrupt && unfollowed.message.contains("the witness needs the log's key chain"), "\(unfollowed.message)")
        #expect(try witness.lastCosigned()?.checkpoint.size == 4)
        var fetched: [UInt64] = []
        let source: Witness.KeyChainSource = { size in fetched.append(size); return try Self.keys(reader, size: size) }
        _ = try witness.cosign(try note(10), timestamp: 3, keys: source, proof: proof)
        #expect(fetched == [10])
        // A new run trusts k2 from its own state: the same size again needs no chain.
        let again = Witness(signer: signer, log: ledger.pinned, stateDirectory: state)
        #expect(try again.lastCosigned()?.checkpoint.size == 10)
        _ = try again.cosign(try note(10), timestamp: 4, proof: proof)
        // The retired k1 (or k0) signing size 10 is refused with or without a chain, and with
        // a chain that drops the rotation the witness already follows.
        let files = try FileManager.default.contentsOfDirectory(atPath: state).sorted()
        let honest = try #require(try Self.keys(reader, size: 10))
        let dropped = KeyChainProof(items: Array(honest.items.prefix(1)))
        for (retired, keys) in [(1, nil), (1, honest), (0, honest), (1, dropped)] as [(Int, KeyChainProof?)] {
            let forged = try SignedNote.sign(text: try note(10).text, signers: [ledger.keys[retired]])
            let error = try #require(throws: LedgerError.self) { try again.cosign(forged, timestamp: 5, keys: { _ in keys }, proof: proof) }
            #expect(error.code == .corrupt && (error.message.contains("retired key") || error.message.contains("does not extend")), "\(error.message)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: state).sorted() == files)
        #expect(try again.lastCosigned()?.checkpoint.size == 10)
    }
}
