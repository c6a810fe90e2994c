import CivicLedger
import Foundation
import Testing
@testable import CivicServer

/// Group commit: requests in one pool share one checkpoint, yet each stays all or nothing.
@Suite struct PoolTests {
    /// Waits until `count` requests sit in ledger `a`'s queue (they stay there while the
    /// pool window is open).
    static func waitForQueue(_ fixture: ServerFixture, count: Int) async throws {
        let queue = try #require(fixture.server.ledgers["a"]).queue
        while queue.depth < count { try await Task.sleep(for: .milliseconds(5)) }
    }

    @Test func aRefusedRequestDoesNotFailTheOthersInItsPool() async throws {
        // A long window and a pool of exactly four entries: the pool closes when all
        // three requests (1 + 2 + 1 entries) are in, whatever their timing.
        let fixture = try ServerFixture { $0.poolWindow = .seconds(600); $0.poolEntryCountMax = 4 }
        try await fixture.test { client in
            let token = fixture.tokens["a"]
            async let first = client.post("a", token: token, lines: [F.fund("GEN")])
            try await PoolTests.waitForQueue(fixture, count: 1)
            async let refused = client.post("a", token: token, lines: [F.donation("d1", value: 100, number: 1), F.disbursement("x1", value: 1_000)])
            try await PoolTests.waitForQueue(fixture, count: 2)
            async let third = client.post("a", token: token, lines: [F.donation("d2", value: 100, number: 1)])
            let (one, two, three) = try await (first, refused, third)
            #expect(one.status == 200)
            #expect(two.status == 422)
            #expect(try two.error()["rule"] as? String == "STD-FUND-BAL")
            #expect(three.status == 200)
            // The third request's donation took receipt number 1: the refused request's
            // donation left no trace in the running book.
            #expect(try one.seqs() == [1])
            #expect(try three.seqs() == [2])
            #expect(try one.checkpointSize() == 3)
            #expect(try three.checkpointSize() == 3)
            let reader = try LedgerReader(directory: fixture.directory("a"))
            #expect(reader.checkpointSizes == [1, 3])
        }
    }

    @Test func theSameIdTwiceInOnePoolIsARetryOrAConflict() async throws {
        let fixture = try ServerFixture { $0.poolWindow = .seconds(600); $0.poolEntryCountMax = 4 }
        try await fixture.test { client in
            let token = fixture.tokens["a"]
            async let first = client.post("a", token: token, lines: [F.fund("GEN")])
            try await PoolTests.waitForQueue(fixture, count: 1)
            async let retry = client.post("a", token: token, lines: [F.fund("GEN")])
            try await PoolTests.waitForQueue(fixture, count: 2)
            async let conflict = client.post("a", token: token, lines: [F.fund("EDU", id: "fund-GEN"), F.fund("OTHER")])
            let (one, two, three) = try await (first, retry, conflict)
            #expect(try one.seqs() == [1])
            #expect(try two.seqs() == [1])
            #expect(three.status == 409)
            #expect(try LedgerReader(directory: fixture.directory("a")).size == 2)
        }
    }

    @Test func aFullQueueIs503WithRetryAfter() async throws {
        let fixture = try ServerFixture { $0.poolWindow = .seconds(600); $0.queueRequestCountMax = 1 }
        try await fixture.test { client in
            let token = fixture.tokens["a"]
            async let waiting = client.post("a", token: token, lines: [F.fund("GEN")])
            try await PoolTests.waitForQueue(fixture, count: 1)
            let refused = try await client.post("a", token: token, lines: [F.fund("EDU")])
            #expect(refused.status == 503)
            #expect(refused.headers[.retryAfter] == "1")
            _ = try refused.error()
            // Stopping drains the queue: the waiting request is written and acknowledged.
            fixture.server.stop()
            #expect(try await waiting.status == 200)
            #expect(try LedgerReader(directory: fixture.directory("a")).size == 2)
        }
    }
}
