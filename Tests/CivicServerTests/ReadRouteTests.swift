import CivicLedger
import Foundation
import Testing
@testable import CivicServer

@Suite struct ReadRouteTests {

    @Test func tilesAreByteIdenticalToCivicPublish() async throws {
        let fixture = try ServerFixture { $0.lineCountMax = 400; $0.bodyByteCountMax = 1 << 20 }
        try await fixture.test { client in
            var lines = [F.fund("GEN")]
            lines += (1...298).map { F.donation("d\($0)", value: 100, number: $0) }
            #expect(try await client.post("a", token: fixture.tokens["a"], lines: lines).status == 200)
            let reader = try LedgerReader(directory: fixture.directory("a"))
            #expect(reader.size == 300)
            let published = fixture.root + "/published"
            let report = try TilePublisher.publish(reader: reader, to: published)
            #expect(report.written.count > 3)
            for path in report.written {
                let reply = try await client.get("/ledgers/a/" + path)
                #expect(reply.status == 200, "\(path)")
                #expect(reply.bytes == Array(try Data(contentsOf: URL(fileURLWithPath: published + "/" + path))), "\(path)")
                if path.hasPrefix("tile/") {
                    let full = !path.contains(".p/")
                    #expect((reply.headers[.cacheControl] ?? "").contains("immutable") == full, "\(path)")
                }
            }
            // A narrower partial tile is the prefix an earlier checkpoint published.
            let narrow = try await client.get("/ledgers/a/tile/0/001.p/3")
            let wide = try await client.get("/ledgers/a/tile/0/001.p/44")
            #expect(narrow.status == 200)
            #expect(Array(wide.bytes.prefix(96)) == narrow.bytes)
            for missing in ["tile/0/001.p/45", "tile/0/002", "tile/entries/001", "tile/1/000", "tile/0/x000/000", "tile/0/0", "tile/0/000.p/256", "tile/64/000"] {
                #expect(try await client.get("/ledgers/a/" + missing).status == 404, "\(missing)")
            }
        }
    }

    @Test func entriesReceiptsAndProofsVerify() async throws {
        let fixture = try ServerFixture()
        let verifier = try #require(fixture.signers["a"]).verifier
        try await fixture.test { client in
            _ = try await client.post("a", token: fixture.tokens["a"], lines: [F.fund("GEN"), F.donation("d1", value: 500, number: 1)])
            let entry = try await client.get("/ledgers/a/entries/d1")
            #expect(entry.status == 200)
            let reader = try LedgerReader(directory: fixture.directory("a"))
            #expect(entry.bytes == (try reader.entryBytes(seq: 2)) + [0x0a])

            let receipt = try await client.get("/ledgers/a/receipts/d1")
            #expect(receipt.status == 200)
            let (_, receiptEntry) = try DonorReceipt.parse(receipt.bytes).verify(verifiers: [verifier])
            #expect(receiptEntry.body.id == "d1")
            #expect(try await client.get("/ledgers/a/receipts/fund-GEN").status == 404)

            let proof = try await client.get("/ledgers/a/proofs/2?size=3")
            #expect(proof.status == 200)
            let checkpoint = try TlogProof.parse(proof.text).verify(leafHash: try reader.leafHash(seq: 2), verifiers: [verifier])
            #expect(checkpoint.size == 3)
            #expect(try await client.get("/ledgers/a/proofs/0?size=1").status == 200)
        }
    }

    @Test func badReadsAre4xx() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            #expect(try await client.get("/ledgers/a/entries/nope").status == 404)
            #expect(try await client.get("/ledgers/a/entries/" + String(repeating: "x", count: 300)).status == 400)
            #expect(try await client.get("/ledgers/a/proofs/5").status == 404)
            #expect(try await client.get("/ledgers/a/proofs/0?size=2").status == 404)
            #expect(try await client.get("/ledgers/a/proofs/01").status == 400)
            #expect(try await client.get("/ledgers/a/proofs/0?size=-1").status == 400)
            #expect(try await client.get("/ledgers/zz/checkpoint").status == 404)
            let unrouted = try await client.get("/ledgers/a/nothing")
            #expect(unrouted.status == 404)
            _ = try unrouted.error()
        }
    }

    @Test func nothingPrivateIsServed() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            for path in ["private/tokens/form.sha256", "private", "LOCK", "ids", "index", "tree", "checkpoints/00000000000000000001",
                         "tile/../private/tokens/form.sha256", "entries/..%2Fprivate%2Ftokens%2Fform.sha256"] {
                let reply = try await client.get("/ledgers/a/" + path)
                #expect(reply.status == 404 || reply.status == 400, "\(path)")
                #expect(!reply.text.contains(fixture.tokens["a"]!.dropFirst(6).prefix(16)))
            }
        }
    }

    @Test func checkpointHealthAndMetrics() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            _ = try await client.post("a", token: fixture.tokens["a"], lines: [F.fund("GEN")])
            let checkpoint = try await client.get("/ledgers/a/checkpoint")
            #expect(checkpoint.status == 200)
            #expect(checkpoint.bytes == (try LedgerReader(directory: fixture.directory("a")).checkpointBytes(size: 2)))
            let health = try await client.get("/healthz")
            #expect(health.status == 200)
            #expect(try health.json()["ok"] as? Bool == true)
            let metrics = try await client.get("/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.text.contains("civic_entries_written_total 1"))
            #expect(metrics.text.contains("civic_pool_write_seconds_bucket"))
        }
    }

    @Test func healthIs503WhenACheckpointNoLongerVerifies() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let path = fixture.directory("b") + "/checkpoints/00000000000000000001"
            var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            bytes[bytes.count - 5] ^= 0x01
            try bytes.write(to: URL(fileURLWithPath: path))
            let health = try await client.get("/healthz")
            #expect(health.status == 503)
            #expect(try health.json()["ok"] as? Bool == false)
        }
    }
}
