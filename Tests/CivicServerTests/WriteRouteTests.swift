import CivicLedger
import Foundation
import Testing
@testable import CivicServer

typealias F = ServerFixture

@Suite struct WriteRouteTests {
    @Test func writesAndAcknowledgesUnderASignedCheckpoint() async throws {
        let fixture = try ServerFixture()
        let signer = try #require(fixture.signers["a"])
        try await fixture.test { client in
            let reply = try await client.post("a", token: fixture.tokens["a"], lines: [F.fund("GEN"), F.donation("d1", value: 500, number: 1)])
            #expect(reply.status == 200)
            #expect(try reply.seqs() == [1, 2])
            let checkpoint = try #require(try reply.json()["checkpoint"] as? [String: Any])
            #expect(checkpoint["size"] as? Int == 3)
            // The acknowledgement's note is the signed checkpoint on disk, valid under the key.
            let note = try SignedNote.parse(Array(try #require(checkpoint["note"] as? String).utf8))
            try note.verify([signer.verifier])
            let reader = try LedgerReader(directory: fixture.directory("a"))
            #expect(reader.size == 3)
            #expect(try reader.checkpointBytes(size: 3) == Array(note.serialized.utf8))
        }
    }

    @Test func identicalRetryReturnsTheOriginalSeqsAndWritesNothing() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let lines = [F.fund("GEN"), F.donation("d1", value: 500, number: 1)]
            let first = try await client.post("a", token: fixture.tokens["a"], lines: lines)
            let retry = try await client.post("a", token: fixture.tokens["a"], lines: lines)
            #expect(retry.status == 200)
            #expect(try retry.seqs() == first.seqs())
            #expect(try retry.checkpointSize() == 3)
            #expect(try LedgerReader(directory: fixture.directory("a")).size == 3)
        }
    }

    @Test func malformedLineIs400NamingTheLine() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let reply = try await client.post("a", token: fixture.tokens["a"], body: F.fund("GEN") + "\n{\"kind\":\n")
            #expect(reply.status == 400)
            let error = try reply.error()
            #expect(error["line"] as? Int == 2)
            #expect(error["rule"] is NSNull)
            let empty = try await client.post("a", token: fixture.tokens["a"], body: "")
            #expect(empty.status == 400)
            #expect(try LedgerReader(directory: fixture.directory("a")).size == 1)
        }
    }

    /// The server pools requests into one batch, so a declaration could cover another
    /// writer's entries: it is refused before it is judged, naming its line.
    @Test func aBackfillDeclarationIs400() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let backfill = #"{"kind":"backfill","id":"bf","date":"2025-06-30","until":"2025-06-30"}"#
            let reply = try await client.post("a", token: fixture.tokens["a"], lines: [backfill, F.fund("GEN")])
            #expect(reply.status == 400)
            let error = try reply.error()
            #expect(error["line"] as? Int == 1)
            #expect((error["message"] as? String)?.contains("civic import --backfill-until") == true, "\(error)")
            #expect(try LedgerReader(directory: fixture.directory("a")).size == 1)
        }
    }

    @Test func missingUnknownAndRevokedTokensAre401() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            #expect(try await client.post("a", token: nil, lines: [F.fund("GEN")]).status == 401)
            #expect(try await client.post("a", token: "civic_" + String(repeating: "0", count: 64), lines: [F.fund("GEN")]).status == 401)
            #expect(try await client.post("a", token: String(repeating: "x", count: 5000), lines: [F.fund("GEN")]).status == 401)
            try TokenStore(directory: fixture.directory("a")).revoke(writer: "form")
            let revoked = try await client.post("a", token: fixture.tokens["a"], lines: [F.fund("GEN")])
            #expect(revoked.status == 401)
            _ = try revoked.error()
            #expect(try LedgerReader(directory: fixture.directory("a")).size == 1)
        }
    }

    @Test func tokenOfAnotherLedgerIs403() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let reply = try await client.post("a", token: fixture.tokens["b"], lines: [F.fund("GEN")])
            #expect(reply.status == 403)
            _ = try reply.error()
            #expect(try LedgerReader(directory: fixture.directory("a")).size == 1)
        }
    }

    @Test func idReusedWithOtherContentIs409() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            _ = try await client.post("a", token: fixture.tokens["a"], lines: [F.fund("GEN"), F.donation("d1", value: 500, number: 1)])
            let reply = try await client.post("a", token: fixture.tokens["a"], lines: [F.donation("d2", value: 5, number: 2), F.donation("d1", value: 999, number: 3)])
            #expect(reply.status == 409)
            let error = try reply.error()
            #expect(error["rule"] as? String == "STD-IDEMP")
            #expect(error["line"] as? Int == 2)
            #expect(try LedgerReader(directory: fixture.directory("a")).size == 3)
        }
    }

    @Test func ruleRefusalIs422WithItsRuleAndLine() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let reply = try await client.post("a", token: fixture.tokens["a"], lines: [F.fund("GEN"), F.disbursement("x1", value: 10)])
            #expect(reply.status == 422)
            let error = try reply.error()
            #expect(error["rule"] as? String == "STD-FUND-BAL")
            #expect(error["line"] as? Int == 2)
            // All or nothing: the fund on line 1 was not written either.
            #expect(try LedgerReader(directory: fixture.directory("a")).size == 1)
        }
    }

    @Test func overLimitBodiesAre413() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let big = try await client.post("a", token: fixture.tokens["a"], body: String(repeating: " ", count: 9_000))
            #expect(big.status == 413)
            _ = try big.error()
            let many = try await client.post("a", token: fixture.tokens["a"], lines: (1...9).map { F.fund("F\($0)") })
            #expect(many.status == 413)
            #expect(try LedgerReader(directory: fixture.directory("a")).size == 1)
        }
    }

    @Test func unknownLedgerIs404() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let reply = try await client.post("zz", token: fixture.tokens["a"], lines: [F.fund("GEN")])
            #expect(reply.status == 404)
            _ = try reply.error()
        }
    }
}
