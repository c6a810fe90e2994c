import Foundation
import Testing

/// `civic import --backfill-until`: the signed declaration round trip (written first in its
/// batch, read back by `civic log`), the audit before and after it, and every way a
/// declaration is refused with nothing written.
@Suite(.serialized) struct BackfillCLITests {
    static let clock = ["CIVIC_FIXED_TIME": "2026-12-01T09:00:00Z"]

    static func donation(_ id: String, _ date: String) -> String {
        #"{"kind":"donation","id":"\#(id)","date":"\#(date)","fund":"GEN","amount":{"value":10000,"currency":"CNY"},"donor":{"anonymous":true},"form":"transfer","receipt":{"declined":true},"category":"assistance"}"#
    }

    /// A fund, three donations dated before 2025-06-30 and one after, all recorded on 2026-12-01.
    static let books = ([#"{"kind":"fund","id":"fund-GEN","date":"2025-01-01","fund":{"code":"GEN","name":"General","restriction":"unrestricted"}}"#]
        + [donation("d1", "2025-02-01"), donation("d2", "2025-03-01"), donation("d3", "2025-04-01"), donation("d4", "2025-08-01")])
        .joined(separator: "\n") + "\n"

    static func run(_ arguments: [String]) throws -> CLI.Result {
        try CLI.run(arguments, environment: clock)
    }

    /// The DIS-CHECKPOINT findings of the audit's JSON report: (severity, seq, message).
    static func lateness(_ workspace: CLIWorkspace) throws -> [(String, Int?, String)] {
        let audit = try run(["audit", workspace.ledger, "--vkey", workspace.vkey, "--format", "json"])
        let report = try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [String: Any]
        return ((report?["findings"] as? [[String: Any]]) ?? []).filter { $0["rule"] as? String == "DIS-CHECKPOINT" }
            .map { ($0["severity"] as? String ?? "", $0["seq"] as? Int, $0["message"] as? String ?? "") }
    }

    @Test func theAuditWarnsPerDonationWithoutADeclarationAndOnceWithIt() throws {
        let plain = try CLIWorkspace()
        defer { plain.remove() }
        #expect(try Self.run(["import", plain.ledger, try plain.write(Self.books, to: "b.jsonl"), "--key", plain.key]).status == 0)
        #expect(try Self.lateness(plain).map(\.0) == ["warning", "warning", "warning", "warning"])

        let declared = try CLIWorkspace()
        defer { declared.remove() }
        let file = try declared.write(Self.books, to: "b.jsonl")
        let imported = try Self.run(["import", declared.ledger, file, "--key", declared.key, "--backfill-until", "2025-06-30"])
        #expect(imported.status == 0 && imported.stdout.hasPrefix("imported 6 entries, seq 1-6"), "\(imported.stdout)\(imported.stderr)")
        // Round trip: the declaration is seq 1, first in the batch, in the log as signed data.
        let shown = try Self.run(["show", declared.ledger, "1"])
        #expect(shown.stdout.contains(#""id":"backfill-2025-06-30-at-1","kind":"backfill""#)
                && shown.stdout.contains(#""until":"2025-06-30""#), "\(shown.stdout)")
        #expect(try declared.verify().status == 0)
        let after = try Self.lateness(declared)
        #expect(after.filter { $0.0 == "info" }.map(\.1) == [1], "\(after)")
        #expect(after.first { $0.0 == "info" }?.2.contains(": 3 donations") == true, "\(after)")
        // d4 is dated after the declared day: still late.
        #expect(after.filter { $0.0 == "warning" }.map(\.1) == [6], "\(after)")

        // A later batch of old books without a declaration is judged as ever.
        let later = try declared.write(Self.donation("d5", "2025-03-02") + "\n", to: "later.jsonl")
        #expect(try Self.run(["import", declared.ledger, later, "--key", declared.key]).status == 0)
        #expect(try Self.lateness(declared).filter { $0.0 == "warning" }.map(\.1) == [6, 7])
    }

    @Test func aCSVImportDeclaresItsBatchTooAndARetryWritesNothing() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let csv = """
            kind,id,date,fund.code,fund.name,fund.restriction,fund,amount,currency,category,donor.anonymous,form,receipt.declined\r
            fund,fund-GEN,2025-01-01,GEN,General,unrestricted,,,,,,,\r
            donation,c1,2025-02-01,,,,GEN,100.00,CNY,assistance,true,transfer,true\r
            donation,c2,2025-03-01,,,,GEN,100.00,CNY,assistance,true,transfer,true\r

            """
        let file = try workspace.write(csv, to: "books.csv")
        let first = try Self.run(["import", workspace.ledger, file, "--key", workspace.key, "--backfill-until", "2025-12-31"])
        #expect(first.status == 0 && first.stdout.hasPrefix("imported 4 entries, seq 1-4"), "\(first.stdout)\(first.stderr)")
        let findings = try Self.lateness(workspace)
        #expect(findings.map(\.0) == ["info"] && findings[0].2.contains(": 2 donations"), "\(findings)")
        let before = try workspace.snapshot()
        let retry = try Self.run(["import", workspace.ledger, file, "--key", workspace.key, "--backfill-until", "2025-12-31"])
        #expect(retry.status == 0 && retry.stdout.contains("3 entries were already recorded") && retry.stdout.contains("nothing was written"),
                "\(retry.stdout)\(retry.stderr)")
        #expect(try workspace.snapshot() == before)
        let jsonRetry = try Self.run(["import", workspace.ledger, try workspace.write(Self.donation("c1", "2025-02-01") + "\n", to: "r.jsonl"),
                                      "--key", workspace.key, "--backfill-until", "2025-12-31"])
        #expect(jsonRetry.status == 0 && jsonRetry.stdout.contains("nothing was written"), "\(jsonRetry.stdout)\(jsonRetry.stderr)")
        #expect(try workspace.snapshot() == before)
    }

    @Test func aDeclarationIsRefusedWhenRetroactiveOrForALaterDay() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        #expect(try Self.run(["import", workspace.ledger, try workspace.write(Self.books, to: "b.jsonl"), "--key", workspace.key]).status == 0)
        let before = try workspace.snapshot()
        // A declaration after entries of its batch would cover entries written before it.
        let late = #"{"kind":"backfill","id":"bf","date":"2025-06-30","until":"2025-06-30"}"#
        let inside = try workspace.write(Self.donation("d6", "2025-02-02") + "\n" + late + "\n", to: "inside.jsonl")
        let refused = try Self.run(["import", workspace.ledger, inside, "--key", workspace.key])
        #expect(refused.status == 2 && refused.stderr.contains("inside.jsonl:2: ") && refused.stderr.contains("first entry of its batch"),
                "\(refused.stderr)")
        // Books kept elsewhere cannot end after the day they are recorded.
        let next = try workspace.write(Self.donation("d7", "2025-02-03") + "\n", to: "next.jsonl")
        let future = try Self.run(["import", workspace.ledger, next, "--key", workspace.key, "--backfill-until", "2199-12-30"])
        #expect(future.status == 2 && future.stderr.contains("--backfill-until: backfill.until 2199-12-30 is after the day it is recorded"),
                "\(future.stderr)")
        let twice = try Self.run(["import", workspace.ledger, try workspace.write(late + "\n", to: "twice.jsonl"), "--key", workspace.key,
                                  "--backfill-until", "2025-06-30"])
        #expect(twice.status == 2 && twice.stderr.contains("twice.jsonl:1: ") && twice.stderr.contains("first entry of its batch"), "\(twice.stderr)")
        let badDate = try Self.run(["import", workspace.ledger, next, "--key", workspace.key, "--backfill-until", "2025-02-30"])
        #expect(badDate.status == 2 && badDate.stderr.contains("--backfill-until:"), "\(badDate.stderr)")
        #expect(try workspace.snapshot() == before)
    }
}
