import Foundation
import Testing
@testable import CivicLedger

/// Known-answer values computed independently with the openssl command line (Ed25519 key
/// from the seed 00 01 … 1f) and Python's hashlib.
enum WitnessVector {
    static let skey = "PRIVATE+KEY+witness.example.org/w1+cfcd1a67+BAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f"
    static let vkey = "witness.example.org/w1+cfcd1a67+BAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4"
    static let text = "ledger.example.org/test\n5\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n"
    static let timestamp: UInt64 = 1_679_315_147
    static let line = "\u{2014} witness.example.org/w1 z80aZwAAAABkGFDLJlCoNMzx+3jJFQGD/lAmu8WxPt8tX92QOsdgua4Qw+h0Xus5T8Qb1bJDcUf0KwjFCTfNZSuoxFjmsuJ/9cieBg==\n"
}

@Suite struct WitnessCosignatureTests {
    @Test func knownAnswerRoundTrip() throws {
        let signer = try CosignatureSigner(skey: WitnessVector.skey)
        #expect(signer.skey == WitnessVector.skey)
        #expect(signer.verifier.vkey == WitnessVector.vkey)
        let verifier = try CosignatureVerifier(vkey: WitnessVector.vkey)
        #expect(verifier == signer.verifier)
        #expect(verifier.keyID == 0xcfcd_1a67)
        let signature = try signer.cosignature(text: WitnessVector.text, timestamp: WitnessVector.timestamp)
        let note = SignedNote(text: WitnessVector.text, signatures: [signature])
        #expect(note.serialized == WitnessVector.text + "\n" + WitnessVector.line)
        let parsed = try SignedNote.parse(WitnessVector.text + "\n" + WitnessVector.line)
        #expect(verifier.verifiedTimestamp(parsed.signatures[0], text: parsed.text) == WitnessVector.timestamp)
        #expect(try WitnessPolicy.check(note: parsed, witnesses: [verifier], quorum: 1) == ["witness.example.org/w1"])
    }

    @Test func keyIDUsesType04() throws {
        let signer = try CosignatureSigner(skey: WitnessVector.skey)
        let key = signer.verifier.publicKey.bytes
        let name = signer.name
        #expect(signer.verifier.keyID == NoteVerifier.keyID(name: name, type: 0x04, publicKey: key))
        let digest = SHA256.hash(Array(name.utf8) + [0x0a, 0x04] + key)
        #expect(NoteVerifier.hexID(signer.verifier.keyID) == Hex.encode(Array(digest.bytes.prefix(4))))
        // The same Ed25519 key as a note signer has another key id.
        let noteVerifier = try NoteVerifier(name: name, publicKey: signer.verifier.publicKey)
        #expect(noteVerifier.keyID != signer.verifier.keyID)
        // Type bytes are not interchangeable in key strings.
        #expect(throws: LedgerError.self) { try CosignatureVerifier(vkey: noteVerifier.vkey) }
        #expect(throws: LedgerError.self) { try NoteVerifier(vkey: signer.verifier.vkey) }
        #expect(throws: LedgerError.self) { try NoteSigner(skey: WitnessVector.skey) }
        #expect(throws: LedgerError.self) { try CosignatureSigner(skey: try NoteSigner.generate(name: "a").skey) }
    }

    @Test func keyFileRoundTripAndModeRules() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("civic-witness-\(UUID().uuidString).key").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let signer = try CosignatureSigner.generate(name: "witness.example/k")
        try KeyFile.create(signer, at: path)
        #expect(try KeyFile.loadCosigner(path).verifier == signer.verifier)
        #expect(throws: LedgerError.self) { try KeyFile.load(path) }
        #expect(throws: LedgerError.self) { try KeyFile.create(signer, at: path) }
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        do { _ = try KeyFile.loadCosigner(path); Issue.record("a group-readable key was loaded") } catch let error as LedgerError {
            #expect(error.code == .invalidKey && error.message.contains("chmod 600"))
        }
    }

    @Test func flippedBitsAreRejected() throws {
        let verifier = try CosignatureVerifier(vkey: WitnessVector.vkey)
        let good = try SignedNote.parse(WitnessVector.text + "\n" + WitnessVector.line).signatures[0]
        // Every bit of the timestamp and the signature.
        for index in 0..<good.signature.count {
            for bit in 0..<8 {
                var bytes = good.signature
                bytes[index] ^= UInt8(1 << bit)
                let flipped = SignedNote.Signature(name: good.name, keyID: good.keyID, signature: bytes)
                #expect(verifier.verifiedTimestamp(flipped, text: WitnessVector.text) == nil, "byte \(index) bit \(bit)")
                let note = SignedNote(text: WitnessVector.text, signatures: [flipped])
                #expect(throws: LedgerError.self) { try WitnessPolicy.check(note: note, witnesses: [verifier], quorum: 1) }
            }
        }
        // Every bit of the text.
        let text = Array(WitnessVector.text.utf8)
        for index in text.indices {
            for bit in 0..<8 {
                var bytes = text
                bytes[index] ^= UInt8(1 << bit)
                let changed = String(decoding: bytes, as: UTF8.self)
                #expect(verifier.verifiedTimestamp(good, text: changed) == nil, "text byte \(index) bit \(bit)")
            }
        }
        // A truncated signature or a timestamp over 2^63 − 1.
        let short = SignedNote.Signature(name: good.name, keyID: good.keyID, signature: Array(good.signature.dropFirst(8)))
        #expect(verifier.verifiedTimestamp(short, text: WitnessVector.text) == nil)
        let signer = try CosignatureSigner(skey: WitnessVector.skey)
        #expect(throws: LedgerError.self) { try signer.cosignature(text: WitnessVector.text, timestamp: 1 << 63) }
    }

    @Test func aLogSignatureIsNotACosignature() throws {
        // The witness's Ed25519 key used as a note signer: its signature line has the
        // type-0x01 key id, so it is not the witness's, and does not count.
        let signer = try CosignatureSigner(skey: WitnessVector.skey)
        let seed = Array(Base64.decode(String(WitnessVector.skey.split(separator: "+").last!))!.dropFirst())
        let asLog = try NoteSigner(name: signer.name, privateKey: Ed25519.PrivateKey(seed: seed))
        let logSigned = try SignedNote.sign(text: WitnessVector.text, signers: [asLog])
        #expect(throws: LedgerError.self) { try WitnessPolicy.check(note: logSigned, witnesses: [signer.verifier], quorum: 1) }
        #expect(try WitnessPolicy.cosigners(note: logSigned, witnesses: [signer.verifier]) == [])
        // A plain note signature relabelled with the cosignature key id is invalid, not ignored.
        let relabelled = SignedNote.Signature(name: signer.name, keyID: signer.verifier.keyID, signature: logSigned.signatures[0].signature)
        #expect(throws: LedgerError.self) {
            try WitnessPolicy.cosigners(note: SignedNote(text: WitnessVector.text, signatures: [relabelled]), witnesses: [signer.verifier])
        }
        // And a cosignature never verifies as a log signature.
        let cosigned = SignedNote(text: WitnessVector.text, signatures: [try signer.cosignature(text: WitnessVector.text, timestamp: 7)])
        #expect(throws: LedgerError.self) { try cosigned.verify([asLog.verifier]) }
    }

    @Test func quorumCounting() throws {
        let log = try NoteSigner.generate(name: "ledger.example.org/test")
        let first = try CosignatureSigner.generate(name: "w1.example")
        let second = try CosignatureSigner.generate(name: "w2.example")
        let stranger = try CosignatureSigner.generate(name: "w3.example")
        let witnesses = [first.verifier, second.verifier]
        let base = try SignedNote.sign(text: WitnessVector.text, signers: [log])
        let byStranger = base.adding(try stranger.cosignature(text: base.text, timestamp: 1))
        let one = byStranger.adding(try first.cosignature(text: base.text, timestamp: 2))
        let two = one.adding(try second.cosignature(text: base.text, timestamp: 3))

        #expect(try WitnessPolicy.cosigners(note: byStranger, witnesses: witnesses) == [])
        #expect(try WitnessPolicy.check(note: byStranger, witnesses: witnesses, quorum: 0) == [])
        #expect(throws: LedgerError(.corrupt, "0 of 2 witnesses cosigned (none); the quorum is 1")) {
            try WitnessPolicy.check(note: byStranger, witnesses: witnesses, quorum: 1)
        }
        #expect(try WitnessPolicy.check(note: one, witnesses: witnesses, quorum: 1) == ["w1.example"])
        #expect(throws: LedgerError(.corrupt, "1 of 2 witnesses cosigned (w1.example); the quorum is 2")) {
            try WitnessPolicy.check(note: one, witnesses: witnesses, quorum: 2)
        }
        #expect(try WitnessPolicy.check(note: two, witnesses: witnesses, quorum: 2) == ["w1.example", "w2.example"])
        // The log's own verification ignores the cosignatures.
        #expect(try two.verify([log.verifier]) == [log.verifier])
        // A listed witness's broken cosignature is an error even when the quorum is met.
        var bad = two.signatures[3].signature
        bad[20] ^= 1
        let broken = SignedNote(text: two.text, signatures: Array(two.signatures.prefix(3)) + [.init(name: "w2.example", keyID: second.verifier.keyID, signature: bad)])
        #expect(throws: LedgerError(.corrupt, "cosignature by \(second.verifier.label) does not verify")) {
            try WitnessPolicy.check(note: broken, witnesses: witnesses, quorum: 1)
        }
    }
}

@Suite struct WitnessCosignTests {
    struct Setup {
        let fixture: LedgerFixture
        let stateDirectory: String
        let witness: Witness

        init() throws {
            fixture = try LedgerFixture()
            stateDirectory = fixture.directory + "-witness"
            try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
            witness = Witness(signer: try CosignatureSigner.generate(name: "witness.example/w"), log: fixture.signer.verifier,
                              stateDirectory: stateDirectory)
        }

        func proof(from reader: LedgerReader) -> (UInt64, UInt64) throws -> [Hash32] {
            { try reader.consistencyProof(from: $0, to: $1) }
        }

        func remove() {
            fixture.remove()
            try? FileManager.default.removeItem(atPath: stateDirectory)
        }
    }

    static func noProof(_ old: UInt64, _ new: UInt64) throws -> [Hash32] {
        Issue.record("no proof expected from \(old) to \(new)")
        return []
    }

    @Test func firstUseThenConsistentGrowth() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let first = try setup.fixture.append(3, prefix: "a")
        #expect(try setup.witness.lastCosigned() == nil)
        let cosigned = try setup.witness.cosign(first.note, timestamp: 100, proof: Self.noProof)
        #expect(try WitnessPolicy.check(note: cosigned, witnesses: [setup.witness.signer.verifier], quorum: 1) == ["witness.example/w"])
        #expect(try setup.witness.lastCosigned()?.checkpoint == first.checkpoint)
        // The same checkpoint again is fine (same size, same root).
        _ = try setup.witness.cosign(first.note, timestamp: 101, proof: Self.noProof)
        let second = try setup.fixture.append(4, prefix: "b")
        let reader = try LedgerReader(directory: setup.fixture.directory)
        let again = try setup.witness.cosign(second.note, timestamp: 102, proof: setup.proof(from: reader))
        #expect(try again.verify([setup.fixture.signer.verifier]) == [setup.fixture.signer.verifier])
        #expect(try setup.witness.lastCosigned()?.checkpoint.size == 8)
        #expect(FileManager.default.fileExists(atPath: setup.witness.state.path(origin: LedgerFixture.origin)))
    }

    @Test func refusesSmallerSizeOtherRootAndBadProof() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let small = try setup.fixture.append(3, prefix: "a")
        let large = try setup.fixture.append(3, prefix: "b")
        _ = try setup.witness.cosign(large.note, timestamp: 1, proof: Self.noProof)
        let before = try Data(contentsOf: URL(fileURLWithPath: setup.witness.state.path(origin: LedgerFixture.origin)))

        #expect(throws: LedgerError.self) { try setup.witness.cosign(small.note, timestamp: 2, proof: Self.noProof) }
        do { _ = try setup.witness.cosign(small.note, timestamp: 2, proof: Self.noProof) } catch let error as LedgerError {
            #expect(error.code == .corrupt && error.message.contains("smaller"))
        }
        // Same size, another root, validly signed by the log.
        let forked = Checkpoint(origin: LedgerFixture.origin, size: large.checkpoint.size, root: small.checkpoint.root)
        let forkNote = try SignedNote.sign(text: forked.text, signers: [setup.fixture.signer])
        do { _ = try setup.witness.cosign(forkNote, timestamp: 3, proof: Self.noProof); Issue.record("fork cosigned") } catch let error as LedgerError {
            #expect(error.code == .corrupt && error.message.contains("differs"))
        }
        // A larger size with a proof that does not connect the roots.
        let bigger = try setup.fixture.append(2, prefix: "c")
        let reader = try LedgerReader(directory: setup.fixture.directory)
        let wrongProof = try reader.consistencyProof(from: small.checkpoint.size, to: bigger.checkpoint.size)
        do { _ = try setup.witness.cosign(bigger.note, timestamp: 4, proof: { _, _ in wrongProof }); Issue.record("bad proof accepted") } catch let error as LedgerError {
            #expect(error.code == .corrupt && error.message.contains("not consistent"))
        }
        // A checkpoint not signed by the log.
        let stranger = try NoteSigner.generate(name: LedgerFixture.origin)
        let unsigned = try SignedNote.sign(text: bigger.note.text, signers: [stranger])
        #expect(throws: LedgerError.self) { try setup.witness.cosign(unsigned, timestamp: 5, proof: setup.proof(from: reader)) }
        // Nothing was saved by the refusals.
        #expect(try Data(contentsOf: URL(fileURLWithPath: setup.witness.state.path(origin: LedgerFixture.origin))) == before)
        // The honest proof is accepted.
        _ = try setup.witness.cosign(bigger.note, timestamp: 6, proof: setup.proof(from: reader))
        #expect(try setup.witness.lastCosigned()?.checkpoint == bigger.checkpoint)
    }

    /// The operator rewrites an old entry and re-signs everything with the same key: the
    /// new history cannot be proved consistent with what the witness cosigned.
    @Test func rewrittenHistoryIsRefused() throws {
        let setup = try Setup()
        defer { setup.remove() }
        _ = try setup.fixture.open().append([try LedgerFixture.body(#"{"kind":"fund","id":"fund-GEN","date":"2025-01-01","fund":{"code":"GEN","name":"General","restriction":"unrestricted"}}"#)])
        let honest = try setup.fixture.append(3, prefix: "d")
        _ = try setup.witness.cosign(honest.note, timestamp: 10, proof: Self.noProof)

        let forgedDirectory = setup.fixture.directory + "-forged"
        defer { try? FileManager.default.removeItem(atPath: forgedDirectory) }
        let signer = setup.fixture.signer
        let (writer, _) = try LedgerWriter.create(directory: forgedDirectory, genesis: try LedgerFixture.genesis(signer), signer: signer)
        _ = try writer.append([try LedgerFixture.body(#"{"kind":"fund","id":"fund-GEN","date":"2025-01-01","fund":{"code":"GEN","name":"General","restriction":"unrestricted"}}"#)])
        var rewritten = try LedgerFixture.donations(5, prefix: "d")
        rewritten[1] = try LedgerFixture.donations(1, prefix: "rewritten")[0]
        let forged = try writer.append(rewritten)
        #expect(forged.checkpoint.size > honest.checkpoint.size)
        #expect(try forged.note.verify([signer.verifier]) == [signer.verifier])

        let reader = try LedgerReader(directory: forgedDirectory)
        do {
            _ = try setup.witness.cosign(forged.note, timestamp: 11, proof: setup.proof(from: reader))
            Issue.record("the witness cosigned a rewritten history")
        } catch let error as LedgerError {
            #expect(error.code == .corrupt && error.message.contains("history was rewritten"), "\(error.message)")
        }
        #expect(try setup.witness.lastCosigned()?.checkpoint == honest.checkpoint)
    }
}

@Suite struct WitnessLedgerTests {
    @Test func attachAndCheckQuorum() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        let result = try fixture.append(2, prefix: "a")
        let w1 = try CosignatureSigner.generate(name: "w1.example")
        let w2 = try CosignatureSigner.generate(name: "w2.example")
        let witnesses = [w1.verifier, w2.verifier]
        let one = result.note.adding(try w1.cosignature(text: result.note.text, timestamp: 1))
        #expect(try CosignatureAttacher.attach(directory: fixture.directory, cosigned: one, witnesses: witnesses) == .init(size: 3, added: 1, skipped: 0))
        #expect(try CosignatureAttacher.attach(directory: fixture.directory, cosigned: one, witnesses: witnesses) == .init(size: 3, added: 0, skipped: 0))
        // Another cosignature by w1 (new timestamp) is skipped; w2's is added.
        let both = result.note.adding(try w1.cosignature(text: result.note.text, timestamp: 2))
            .adding(try w2.cosignature(text: result.note.text, timestamp: 2))
        #expect(try CosignatureAttacher.attach(directory: fixture.directory, cosigned: both, witnesses: witnesses) == .init(size: 3, added: 1, skipped: 1))
        _ = try fixture.verify()
        let reader = try LedgerReader(directory: fixture.directory)
        let kept = try SignedNote.parse(try reader.checkpointBytes(size: 3))
        #expect(kept.signatures.count == 3 && kept.text == result.note.text)
        #expect(try WitnessCheck(witnesses: [w1.verifier, w2.verifier]).run(reader: reader) == .init(size: 3, witnesses: ["w1.example", "w2.example"]))

        // The ledger's signature must be kept; the text must be identical.
        let stripped = SignedNote(text: one.text, signatures: [one.signatures[1]])
        #expect(throws: LedgerError.self) { try CosignatureAttacher.attach(directory: fixture.directory, cosigned: stripped, witnesses: witnesses) }
        let otherText = Checkpoint(origin: LedgerFixture.origin, size: 3, root: Hash32.zero)
        let other = try SignedNote.sign(text: otherText.text, signers: [fixture.signer])
        #expect(throws: LedgerError(.corrupt, "the cosigned checkpoint's text differs from the ledger's checkpoint at size 3 (\(fixture.directory)/checkpoints/00000000000000000003): it is not this ledger's checkpoint")) {
            try CosignatureAttacher.attach(directory: fixture.directory, cosigned: other, witnesses: witnesses)
        }

        // A newer checkpoint with one cosignature: the newest with a quorum of 1 is it, of 2 the older.
        let newer = try fixture.append(1, prefix: "b")
        _ = try CosignatureAttacher.attach(directory: fixture.directory, cosigned: newer.note.adding(try w2.cosignature(text: newer.note.text, timestamp: 3)),
                                       witnesses: witnesses)
        let again = try LedgerReader(directory: fixture.directory)
        #expect(try WitnessCheck(witnesses: [w1.verifier, w2.verifier], quorum: 1).run(reader: again) == .init(size: 4, witnesses: ["w2.example"]))
        #expect(try WitnessCheck(witnesses: [w1.verifier, w2.verifier]).run(reader: again).size == 3)
        #expect(throws: LedgerError.self) { try WitnessCheck(witnesses: [w1.verifier], quorum: 2) }
        let w3 = try CosignatureSigner.generate(name: "w3.example")
        #expect(throws: LedgerError.self) { try WitnessCheck(witnesses: [w3.verifier]).run(reader: again) }
        // The writer still opens and appends after attach.
        _ = try fixture.append(1, prefix: "c")
        _ = try fixture.verify()
    }

    /// A forged cosignature for a real witness key id is refused, never takes the slot;
    /// one already kept (attached before attach verified) is replaced by a valid one.
    @Test func forgedCosignaturesAreRefusedAndReplaced() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        let result = try fixture.append(2, prefix: "a")
        let w1 = try CosignatureSigner.generate(name: "w1.example")
        let stranger = try CosignatureSigner.generate(name: "w9.example")
        let valid = try w1.cosignature(text: result.note.text, timestamp: 5)
        var bytes = valid.signature
        bytes[20] ^= 0x01
        let forged = SignedNote.Signature(name: valid.name, keyID: valid.keyID, signature: bytes)
        let before = try Data(contentsOf: URL(fileURLWithPath: fixture.directory + "/checkpoints/00000000000000000003"))
        #expect(throws: LedgerError(.corrupt, "the cosignature by w1.example+\(NoteVerifier.hexID(w1.verifier.keyID)) does not verify over the checkpoint; nothing was attached")) {
            try CosignatureAttacher.attach(directory: fixture.directory, cosigned: result.note.adding(forged), witnesses: [w1.verifier])
        }
        let unlisted = result.note.adding(try stranger.cosignature(text: result.note.text, timestamp: 5))
        #expect(throws: LedgerError.self) { try CosignatureAttacher.attach(directory: fixture.directory, cosigned: unlisted, witnesses: [w1.verifier]) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.directory + "/checkpoints/00000000000000000003")) == before)

        // A forged line kept from before: verify --witness fails, a valid cosignature repairs it.
        try Data(result.note.adding(forged).serialized.utf8).write(to: URL(fileURLWithPath: fixture.directory + "/checkpoints/00000000000000000003"))
        #expect(throws: LedgerError.self) { try WitnessCheck(witnesses: [w1.verifier]).run(reader: try LedgerReader(directory: fixture.directory)) }
        let repaired = try CosignatureAttacher.attach(directory: fixture.directory, cosigned: result.note.adding(valid), witnesses: [w1.verifier])
        #expect(repaired == .init(size: 3, added: 1, skipped: 0))
        let reader = try LedgerReader(directory: fixture.directory)
        #expect(try WitnessCheck(witnesses: [w1.verifier]).run(reader: reader) == .init(size: 3, witnesses: ["w1.example"]))
        #expect(try SignedNote.parse(try reader.checkpointBytes(size: 3)).signatures.count == 2)
    }
}
