import Foundation
import Testing
@testable import CivicLedger

/// A ledger rotated twice (k0 → k1 → k2), verified from the first key only.
struct RotatedLedger {
    let fixture: LedgerFixture
    let keys: [NoteSigner]
    /// Seqs of the two key entries.
    let rotationSeqs: [UInt64]

    init() throws {
        fixture = try LedgerFixture()
        keys = [fixture.signer, try NoteSigner.generate(name: LedgerFixture.origin), try NoteSigner.generate(name: LedgerFixture.origin)]
        try fixture.append(3, prefix: "a")                                        // seq 1-3
        // One writer at a time: each is released before the next opens.
        let first = try RotatedLedger.rotate(fixture.open(), to: keys[1], id: "key-1", then: "b")      // seq 4, then 5-6
        let second = try RotatedLedger.rotate(LedgerWriter.open(directory: fixture.directory, signer: keys[1]),
                                              to: keys[2], id: "key-2", then: "c")                   // seq 7, then 8-9
        rotationSeqs = [first, second]
    }

    /// Rotates with `writer`, then appends two donations signed by the new key.
    private static func rotate(_ writer: LedgerWriter, to key: NoteSigner, id: String, then prefix: String) throws -> UInt64 {
        let result = try writer.rotateKey(to: key, id: id, date: "2025-03-02")
        _ = try writer.append(try LedgerFixture.donations(2, prefix: prefix))
        return result.firstSeq
    }

    var pinned: NoteVerifier { keys[0].verifier }

    func verify() throws -> VerificationReport {
        try LedgerVerifier(directory: fixture.directory, verifiers: [pinned]).verify()
    }

    /// Replaces the kept checkpoint of `size` with the same text signed by `signer`.
    func resign(size: UInt64, with signer: NoteSigner) throws {
        let reader = try LedgerReader(directory: fixture.directory)
        let note = try SignedNote.parse(try reader.checkpointBytes(size: size))
        let forged = try SignedNote.sign(text: note.text, signers: [signer])
        try Data(forged.serialized.utf8).write(to: URL(fileURLWithPath: reader.layout.checkpointPath(size: size)))
    }
}

@Suite struct KeyRotationTests {
    @Test func rotatedTwiceVerifiesFromTheFirstKey() throws {
        let ledger = try RotatedLedger()
        #expect(ledger.rotationSeqs == [4, 7])
        let report = try ledger.verify()
        #expect(report.size == 10 && report.checkpointCount == 6)
        #expect(report.keys.rotations.map(\.seq) == [4, 7])
        #expect(report.keys.current == ledger.keys[2].verifier)
        // The checkpoint covering each rotation is signed by the new key.
        let reader = try LedgerReader(directory: ledger.fixture.directory)
        for (size, key) in [(UInt64(4), 0), (5, 1), (7, 1), (8, 2), (10, 2)] {
            let note = try SignedNote.parse(try reader.checkpointBytes(size: size))
            #expect(try note.verify([ledger.keys[key].verifier]).count == 1, "size \(size)")
        }
        #expect(try reader.latestCheckpoint(verifiers: [ledger.pinned]).checkpoint.size == 10)
        // Pinning a later key does not verify the early checkpoints.
        #expect(throws: LedgerError.self) {
            try LedgerVerifier(directory: ledger.fixture.directory, verifiers: [ledger.keys[2].verifier]).verify()
        }
    }

    @Test func receiptsBeforeAndAfterEachRotationVerifyFromTheFirstKey() throws {
        let ledger = try RotatedLedger()
        let reader = try LedgerReader(directory: ledger.fixture.directory)
        for seq: UInt64 in [1, 5, 8] {
            for size in reader.checkpointSizes where size > seq {
                let receipt = try DonorReceipt.make(reader: reader, seq: seq, size: size)
                let parsed = try DonorReceipt.parse(Array(receipt.text.utf8))
                #expect(try parsed.verify(verifiers: [ledger.pinned]).checkpoint.size == size, "seq \(seq) size \(size)")
                // The key entries travel in the tlog-proof's extra exactly when the tree has one.
                #expect((parsed.proof.extra != nil) == (size > 4), "seq \(seq) size \(size)")
            }
        }
        // Without the key chain, a checkpoint signed by a later key does not verify.
        let proof = try TlogProof.make(reader: reader, seq: 8)
        let bare = TlogProof(index: proof.index, hashes: proof.hashes, checkpoint: proof.checkpoint)
        let leaf = MerkleHasher().leafHash(try reader.entryBytes(seq: 8))
        #expect(throws: LedgerError.self) { try bare.verify(leafHash: leaf, verifiers: [ledger.pinned]) }
        #expect(try proof.verify(leafHash: leaf, verifiers: [ledger.pinned]).size == 10)
    }

    @Test func retiredKeyIsRefusedByTheWriter() throws {
        let ledger = try RotatedLedger()
        for retired in ledger.keys.dropLast() {
            let error = try #require(throws: LedgerError.self) {
                _ = try LedgerWriter.open(directory: ledger.fixture.directory, signer: retired)
            }
            #expect(error.code == .invalidKey && error.message.contains("was retired by the key rotation at seq"), "\(error.message)")
        }
        let stranger = try NoteSigner.generate(name: LedgerFixture.origin)
        #expect(throws: LedgerError.self) { try LedgerWriter.open(directory: ledger.fixture.directory, signer: stranger) }
    }

    @Test func oldKeySigningAfterRotationFails() throws {
        let ledger = try RotatedLedger()
        try ledger.resign(size: 10, with: ledger.keys[1])
        let error = try #require(throws: LedgerError.self) { try ledger.verify() }
        #expect(error.integrity == .signature && error.message.contains("signed by the retired key"), "\(error.message)")
        // Receipts and proofs refuse it too.
        let reader = try LedgerReader(directory: ledger.fixture.directory)
        let receipt = try DonorReceipt.make(reader: reader, seq: 8)
        #expect(throws: LedgerError.self) { try receipt.verify(verifiers: [ledger.pinned]) }
        #expect(throws: LedgerError.self) { try reader.latestCheckpoint(verifiers: [ledger.pinned]) }
        // The checkpoint that first covers the rotation may not be signed by the old key either.
        let other = try RotatedLedger()
        try other.resign(size: 5, with: other.keys[0])
        #expect(throws: LedgerError.self) { try other.verify() }
        // Nor may the new key sign before the entry that introduced it (the scan does not
        // know it yet); a chain that knows it names it as not yet in force.
        let early = try RotatedLedger()
        try early.resign(size: 4, with: early.keys[1])
        let earlyError = try #require(throws: LedgerError.self) { try early.verify() }
        #expect(earlyError.message.contains("no signature by a trusted key"), "\(earlyError.message)")
        let earlyReader = try LedgerReader(directory: early.fixture.directory)
        let chain = try earlyReader.keyChain(pinned: early.pinned)
        let note = try SignedNote.parse(try earlyReader.checkpointBytes(size: 4))
        let forgedEarly = try SignedNote.sign(text: note.text, signers: [early.keys[2]])
        let notYet = try #require(throws: LedgerError.self) { try chain.check(forgedEarly, size: 4) }
        #expect(notYet.message.contains("not yet in force"), "\(notYet.message)")
    }

    @Test func everyByteFlipOfAKeyEntryFails() throws {
        let ledger = try RotatedLedger()
        let reader = try LedgerReader(directory: ledger.fixture.directory)
        let bytes = try reader.entryBytes(seq: 4)
        var chain = KeyChain(pinned: ledger.pinned)
        try chain.follow(try Entry.decode(bytes))
        for index in bytes.indices {
            var mutated = bytes
            mutated[index] ^= 0x01
            var fresh = KeyChain(pinned: ledger.pinned)
            var followed = false
            if let entry = try? Entry.decode(mutated), entry.body.kind == .key {
                followed = (try? fresh.follow(entry)) != nil
            }
            #expect(!followed, "a flip at byte \(index) still follows")
        }
        // The same entry cannot be followed from the wrong key, nor twice.
        var wrong = KeyChain(pinned: ledger.keys[1].verifier)
        #expect(throws: LedgerError.self) { try wrong.follow(try Entry.decode(bytes)) }
        #expect(throws: LedgerError.self) { try chain.follow(try Entry.decode(bytes)) }
    }

    @Test func everyByteFlipOfACheckpointSignatureFails() throws {
        let ledger = try RotatedLedger()
        let chain = try ledger.verify().keys
        let reader = try LedgerReader(directory: ledger.fixture.directory)
        for size: UInt64 in [5, 10] {
            let note = try SignedNote.parse(try reader.checkpointBytes(size: size))
            try chain.check(note, size: size)
            let signature = note.signatures[0]
            for index in signature.signature.indices {
                var bytes = signature.signature
                bytes[index] ^= 0x80
                let mutated = SignedNote(text: note.text, signatures: [.init(name: signature.name, keyID: signature.keyID, signature: bytes)])
                #expect(throws: LedgerError.self, "size \(size) byte \(index)") { try chain.check(mutated, size: size) }
            }
            for bit in 0..<32 {
                let mutated = SignedNote(text: note.text, signatures: [.init(name: signature.name, keyID: signature.keyID ^ (1 << UInt32(bit)), signature: signature.signature)])
                #expect(throws: LedgerError.self, "size \(size) key id bit \(bit)") { try chain.check(mutated, size: size) }
            }
        }
    }

    @Test func aTamperedKeyEntryInTheLedgerFailsVerification() throws {
        let ledger = try RotatedLedger()
        let reader = try LedgerReader(directory: ledger.fixture.directory)
        let bytes = try reader.entryBytes(seq: 7)
        let text = String(decoding: bytes, as: UTF8.self)
        // Swap in a third party's key with both signatures kept: the signatures cover vkey.
        let thief = try NoteSigner.generate(name: LedgerFixture.origin)
        let forged = text.replacingOccurrences(of: ledger.keys[2].verifier.vkey, with: thief.verifier.vkey)
        #expect(forged != text)
        var chain = KeyChain(pinned: ledger.pinned)
        try chain.follow(try Entry.decode(try reader.entryBytes(seq: 4)))
        let error = try #require(throws: LedgerError.self) { try chain.follow(try Entry.decode(Array(forged.utf8))) }
        #expect(error.message.contains("does not verify"), "\(error.message)")
    }
}
