import Foundation
import Testing
@testable import CivicLedger

@Suite struct SignedNoteTests {
    struct Vector: Decodable {
        let source: String
        let skey: String?
        let vkey: String
        let text: String
        let signature_line: String
    }

    static func vectors() throws -> [Vector] {
        try JSONDecoder().decode([Vector].self, from: SharedVectors.data("signed-note.json"))
    }

    @Test func everySharedVectorVerifies() throws {
        let vectors = try Self.vectors()
        #expect(vectors.count == 3)
        for vector in vectors {
            let verifier = try NoteVerifier(vkey: vector.vkey)
            #expect(verifier.vkey == vector.vkey, "\(vector.source)")
            let note = try SignedNote.parse(vector.text + "\n" + vector.signature_line + "\n")
            #expect(note.text == vector.text)
            #expect(try note.verify([verifier]) == [verifier], "\(vector.source)")
        }
    }

    @Test func signingTheGoExampleReproducesItsSignature() throws {
        let vector = try #require(try Self.vectors().first { $0.skey != nil })
        let signer = try NoteSigner(skey: vector.skey!)
        #expect(signer.verifier.vkey == vector.vkey)
        #expect(signer.skey == vector.skey)
        let note = try SignedNote.sign(text: vector.text, signers: [signer])
        #expect(note.serialized == vector.text + "\n" + vector.signature_line + "\n")
    }

    @Test func anyFlippedBitFails() throws {
        for vector in try Self.vectors() {
            let verifier = try NoteVerifier(vkey: vector.vkey)
            let bytes = Array((vector.text + "\n" + vector.signature_line + "\n").utf8)
            for index in bytes.indices {
                for bit in [0, 3, 7] {
                    var mutated = bytes
                    mutated[index] ^= UInt8(1 << bit)
                    let accepted = (try? SignedNote.parse(mutated).verify([verifier])) != nil
                    #expect(!accepted, "\(vector.source): byte \(index) bit \(bit) flipped still verifies")
                }
            }
        }
    }

    @Test func aFlippedKeyFails() throws {
        for vector in try Self.vectors() {
            let note = try SignedNote.parse(vector.text + "\n" + vector.signature_line + "\n")
            let verifier = try NoteVerifier(vkey: vector.vkey)
            var keyBytes = verifier.publicKey.bytes
            keyBytes[5] ^= 0x10
            let other = try NoteVerifier(name: verifier.name, publicKey: Ed25519.PublicKey(bytes: keyBytes))
            #expect(throws: LedgerError.self) { try note.verify([other]) }
            // A vkey string whose key no longer matches its id is refused outright.
            let parts = vector.vkey.split(separator: "+")
            let tampered = "\(parts[0])+\(parts[1])+\(Base64.encode([1] + keyBytes))"
            #expect(throws: LedgerError.self) { try NoteVerifier(vkey: tampered) }
        }
    }

    @Test func unknownSignersAreIgnoredAndLimitsHold() throws {
        let log = try NoteSigner.generate(name: "example.org/log")
        let stranger = try NoteSigner.generate(name: "witness.example")
        let note = try SignedNote.sign(text: "hello\n", signers: [stranger, log])
        #expect(try note.verify([log.verifier]) == [log.verifier])
        #expect(throws: LedgerError.self) { try note.verify([try NoteSigner.generate(name: "x").verifier]) }
        let parsed = try SignedNote.parse(note.serialized)
        #expect(parsed == note)

        let many = try (0..<17).map { try NoteSigner.generate(name: "w\($0)") }
        let crowded = try SignedNote.sign(text: "hello\n", signers: many)
        #expect(throws: LedgerError.self) { try SignedNote.parse(crowded.serialized) }
        let sixteen = try SignedNote.sign(text: "hello\n", signers: Array(many.prefix(16)))
        #expect(try SignedNote.parse(sixteen.serialized).verify([many[15].verifier]).count == 1)
    }

    @Test func malformedNotesAreRejected() throws {
        let bad = [
            "no blank line\n— a AAAAAA==\n",
            "text\n\n- a AAAAAAAA\n",
            "text\n\n— a\n",
            "text\n\n— a !!!!\n",
            "text\n\n— a AAAAAAAA",
            "te\u{7}xt\n\n— a AAAAAAAAAA==\n",
        ]
        for text in bad {
            #expect(throws: LedgerError.self, "\(text)") { try SignedNote.parse(text) }
        }
    }

    @Test func checkpointTextRoundTrips() throws {
        let root = SHA256.hash(Array("root".utf8))
        let checkpoint = Checkpoint(origin: "civic.example/ledger", size: 42, root: root)
        #expect(checkpoint.text == "civic.example/ledger\n42\n\(root.base64)\n")
        #expect(try Checkpoint(text: checkpoint.text) == checkpoint)
        for text in ["a\n042\n\(root.base64)\n", "a\n-1\n\(root.base64)\n", "a b\n1\n\(root.base64)\n",
                     "a\n1\nAAAA\n", "a\n1\n", "a\n1\n\(root.base64)"] {
            #expect(throws: LedgerError.self, "\(text)") { try Checkpoint(text: text) }
        }
    }
}
