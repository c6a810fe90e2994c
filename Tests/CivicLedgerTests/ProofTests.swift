import Foundation
import Testing
@testable import CivicLedger

/// Proofs, consistency files and receipts from real ledgers, and every mutation of them.
@Suite struct ProofTests {
    static func ledger(entries: Int = 20) throws -> (LedgerFixture, LedgerReader) {
        let fixture = try LedgerFixture()
        _ = try fixture.open().append([try LedgerFixture.body("""
        {"kind":"fund","id":"fund-GEN","date":"2025-01-01","fund":{"code":"GEN","name":"General","restriction":"unrestricted"}}
        """)])
        try fixture.append(entries / 2, prefix: "a")
        try fixture.append(entries - entries / 2, prefix: "b")
        return (fixture, try LedgerReader(directory: fixture.directory))
    }

    @Test func inclusionProofsVerifyForEveryEntryAndCheckpoint() throws {
        let (fixture, reader) = try Self.ledger()
        defer { fixture.remove() }
        for size in reader.checkpointSizes {
            for seq in 0..<size {
                let proof = try TlogProof.make(reader: reader, seq: seq, size: size)
                let parsed = try TlogProof.parse(proof.text)
                #expect(parsed == proof)
                let leaf = MerkleHasher().leafHash(try reader.entryBytes(seq: seq))
                #expect(try parsed.verify(leafHash: leaf, verifiers: [fixture.signer.verifier]).size == size)
            }
        }
    }

    @Test func everyChangedByteOfAProofFails() throws {
        let (fixture, reader) = try Self.ledger()
        defer { fixture.remove() }
        let proof = try TlogProof.make(reader: reader, seq: 7).text
        let leaf = MerkleHasher().leafHash(try reader.entryBytes(seq: 7))
        var bytes = Array(proof.utf8)
        for position in bytes.indices {
            bytes[position] ^= 0x01
            let text = String(decoding: bytes, as: UTF8.self)
            let accepted = (try? TlogProof.parse(text).verify(leafHash: leaf, verifiers: [fixture.signer.verifier])) != nil
            // Only a flip in the final newline's neighbourhood that leaves an equivalent note could pass; none may.
            #expect(!accepted, "byte \(position) flipped still verifies")
            bytes[position] ^= 0x01
        }
        for cut in stride(from: 0, to: bytes.count - 1, by: 7) {
            let truncated = String(decoding: bytes.prefix(cut), as: UTF8.self)
            #expect((try? TlogProof.parse(truncated).verify(leafHash: leaf, verifiers: [fixture.signer.verifier])) == nil)
        }
        // The right proof for another entry, or another key, fails.
        let other = MerkleHasher().leafHash(try reader.entryBytes(seq: 8))
        #expect(throws: LedgerError.self) { try TlogProof.parse(proof).verify(leafHash: other, verifiers: [fixture.signer.verifier]) }
        let stranger = try NoteSigner.generate(name: LedgerFixture.origin)
        #expect(throws: LedgerError.self) { try TlogProof.parse(proof).verify(leafHash: leaf, verifiers: [stranger.verifier]) }
    }

    @Test func consistencyFilesVerifyAndMutationsFail() throws {
        let (fixture, reader) = try Self.ledger()
        defer { fixture.remove() }
        let verifier = fixture.signer.verifier
        for from in reader.checkpointSizes {
            let file = try ConsistencyProofFile.make(reader: reader, from: from)
            let parsed = try ConsistencyProofFile.parse(file.text)
            #expect(parsed == file)
            #expect(try parsed.verify(pinned: verifier).newer.size == reader.size)
        }
        let file = try ConsistencyProofFile.make(reader: reader, from: reader.checkpointSizes[1])
        // Swapped checkpoints, a dropped hash, a foreign log's checkpoint.
        #expect(throws: LedgerError.self) {
            try ConsistencyProofFile(hashes: file.hashes, older: file.newer, newer: file.older).verify(pinned: verifier)
        }
        #expect(throws: LedgerError.self) {
            try ConsistencyProofFile(hashes: Array(file.hashes.dropLast()), older: file.older, newer: file.newer).verify(pinned: verifier)
        }
        let foreign = try NoteSigner.generate(name: "other.example/log")
        let foreignNote = try SignedNote.sign(text: Checkpoint(origin: foreign.name, size: 40, root: SHA256.hash([9])).text, signers: [foreign])
        #expect(throws: LedgerError.self) {
            try ConsistencyProofFile(hashes: file.hashes, older: file.older, newer: foreignNote).verify(pinned: verifier)
        }
        #expect(throws: LedgerError.self) {
            try ConsistencyProofFile(hashes: file.hashes, older: file.older, newer: foreignNote).verify(pinned: foreign.verifier)
        }
        var bytes = Array(file.text.utf8)
        for position in bytes.indices {
            bytes[position] ^= 0x04
            #expect((try? ConsistencyProofFile.parse(String(decoding: bytes, as: UTF8.self)).verify(pinned: verifier)) == nil,
                    "byte \(position)")
            bytes[position] ^= 0x04
        }
    }

    @Test func receiptsVerifyOfflineAndAnyChangedByteFails() throws {
        let (fixture, reader) = try Self.ledger(entries: 12)
        defer { fixture.remove() }
        let receipt = try DonorReceipt.make(reader: reader, seq: 5)
        let text = receipt.text
        let parsed = try DonorReceipt.parse(Array(text.utf8))
        #expect(parsed.text == text)
        let (checkpoint, entry) = try parsed.verify(verifiers: [fixture.signer.verifier])
        #expect(checkpoint.size == reader.size && entry.seq == 5)
        #expect(parsed.gist.contains { $0.0 == "amount" && $0.1 == "10.03 CNY" })
        var bytes = Array(text.utf8)
        for position in bytes.indices {
            bytes[position] ^= 0x01
            let accepted = (try? DonorReceipt.parse(bytes).verify(verifiers: [fixture.signer.verifier])) != nil
            #expect(!accepted, "byte \(position) ('\(UnicodeScalar(bytes[position] ^ 0x01))') flipped still verifies")
            bytes[position] ^= 0x01
        }
        let edited = text.replacingOccurrences(of: "amount: 10.03 CNY", with: "amount: 100.03 CNY")
        #expect(edited != text)
        #expect { try DonorReceipt.parse(Array(edited.utf8)).verify(verifiers: [fixture.signer.verifier]) } throws: {
            ($0 as? LedgerError)?.message.contains("gist") == true
        }
        #expect(throws: LedgerError.self) { try DonorReceipt.make(reader: reader, seq: 1) }  // a fund is not a gift
    }

    @Test func aRewrittenHistoryFailsAgainstAHeldCheckpoint() throws {
        let (fixture, reader) = try Self.ledger(entries: 10)
        defer { fixture.remove() }
        let held = try SignedNote.parse(try reader.checkpointBytes(size: reader.size))
        // The operator rebuilds the ledger with the same key, one old donation changed, and more on top.
        let forged = FileManager.default.temporaryDirectory.appendingPathComponent("civic-forged-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: forged) }
        _ = try LedgerWriter.create(directory: forged, genesis: try LedgerFixture.genesis(fixture.signer), signer: fixture.signer)
        var bodies = [try LedgerFixture.body("""
        {"kind":"fund","id":"fund-GEN","date":"2025-01-01","fund":{"code":"GEN","name":"General","restriction":"unrestricted"}}
        """)]
        bodies += try LedgerFixture.donations(5, prefix: "a").enumerated().map { index, body in
            index == 2 ? try LedgerFixture.donations(3, prefix: "z")[2] : body
        }
        bodies += try LedgerFixture.donations(5, prefix: "b") + LedgerFixture.donations(4, prefix: "c")
        _ = try LedgerWriter.open(directory: forged, signer: fixture.signer).append(bodies)
        let verifier = try LedgerVerifier(directory: forged, verifiers: [fixture.signer.verifier])
        #expect(try verifier.verify().size == 16)  // on its own, the forgery verifies
        #expect { try verifier.verify(heldCheckpoint: held) } throws: { ($0 as? LedgerError)?.code == .corrupt }
    }
}
