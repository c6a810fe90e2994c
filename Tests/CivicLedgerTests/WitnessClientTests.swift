import Foundation
import Testing
@testable import CivicLedger

/// The log side reads a witness's answer as hostile input: only what the spec allows passes.
@Suite struct WitnessClientTests {
    let key: CosignatureSigner
    let client: WitnessClient
    let note: SignedNote

    init() throws {
        key = try CosignatureSigner(skey: WitnessVector.skey)
        client = WitnessClient(prefix: try HTTPClient.url("http://127.0.0.1:1"), key: key.verifier)
        note = SignedNote(text: WitnessVector.text, signatures: [])
    }

    @Test func requestBodyIsTheSpecsBytes() throws {
        let hash = Hash32(Array(repeating: 7, count: 32))!
        let signed = try SignedNote.sign(text: WitnessVector.text, signers: [NoteSigner.generate(name: "ledger.example.org/test")])
        let body = WitnessClient.body(note: signed, oldSize: 3, proof: [hash, hash])
        #expect(String(decoding: body, as: UTF8.self) == "old 3\n\(hash.base64)\n\(hash.base64)\n\n" + signed.serialized)
        let parsed = try AddCheckpointRequest(body: body)
        #expect(parsed.oldSize == 3 && parsed.proof == [hash, hash] && parsed.note == signed)
    }

    @Test func cosignatureLinesAreVerified() throws {
        let line = try key.cosignature(text: note.text, timestamp: 5)
        let stranger = try CosignatureSigner.generate(name: "someone.example/else").cosignature(text: note.text, timestamp: 5)
        let lines = try client.cosignatures(Array((stranger.line + line.line).utf8), note: note)
        #expect(lines == [line], "a line by an unknown key is ignored")
        #expect(throws: LedgerError.self) { try client.cosignatures(Array(stranger.line.utf8), note: note) }
        #expect(throws: LedgerError.self) { try client.cosignatures(Array("not a signature line\n".utf8), note: note) }
        let other = try key.cosignature(text: "ledger.example.org/test\n6\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", timestamp: 5)
        do { _ = try client.cosignatures(Array(other.line.utf8), note: note); Issue.record("a cosignature over another text passed") } catch let error as LedgerError {
            #expect(error.code == .invalidNote)
        }
    }

    @Test func conflictNeedsTheSizeBody() throws {
        func response(_ body: String, type: String? = "text/x.tlog.size") -> HTTPClient.Response {
            HTTPClient.Response(status: 409, headers: type.map { ["content-type": $0] } ?? [:], body: Array(body.utf8))
        }
        #expect(try client.conflictSize(response("12\n")) == 12)
        for bad in [response("12"), response("012\n"), response("12\n", type: "text/plain"), response("12\n", type: nil),
                    response("-1\n"), response("18446744073709551616\n"), response("")] {
            #expect(throws: LedgerError.self) { try client.conflictSize(bad) }
        }
    }

    @Test func witnessArgumentIsURLAndKey() throws {
        let (url, vkey) = try WitnessClient.split("https://w.example/sub=\(WitnessVector.vkey)")
        #expect(url.absoluteString == "https://w.example/sub" && vkey == WitnessVector.vkey)
        for bad in ["=x", "https://w.example/", "ftp://w.example/=k", "w.example=k"] {
            #expect(throws: LedgerError.self) { try WitnessClient.split(bad) }
        }
    }
}
