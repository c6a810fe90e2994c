import CivicExport
import CivicLedger
import Foundation
import Testing

@Suite struct ExportCheckpointTests {
    @Test func exportsNameTheVerifiedNewestCheckpoint() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("civic-export-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let signer = try NoteSigner.generate(name: "export.example/ledger")
        let genesis = try EntryBody(writerJSON: CanonicalJSON.parse(Array("""
        {"kind":"genesis","id":"genesis","date":"2025-01-01","origin":"\(signer.name)","vkey":"\(signer.verifier.vkey)",\
        "currency":"CNY","org":{"name":"Example","uscc":"53100000500021676K","type":"foundation","public_fundraising":true}}
        """.utf8)))
        let (_, created) = try LedgerWriter.create(directory: directory, genesis: genesis, signer: signer)
        let reader = try LedgerReader(directory: directory)
        let bound = try ExportCheckpoint(reader: reader, verifiers: [signer.verifier])
        #expect(bound.checkpoint == created.checkpoint)
        guard case .object(let fields) = bound.json else { Issue.record("not an object"); return }
        #expect(fields["size"] == .integer(1) && fields["note"] == .string(created.note.serialized))
        let stranger = try NoteSigner.generate(name: signer.name)
        #expect(throws: LedgerError.self) { try ExportCheckpoint(reader: reader, verifiers: [stranger.verifier]) }
    }
}
