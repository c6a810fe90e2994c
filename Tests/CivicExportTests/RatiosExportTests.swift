import CivicAudit
import CivicExport
import CivicLedger
import Foundation
import Testing

@Suite struct RatiosExportTests {
    @Test func ratiosAreTheAuditsOwnFigures() throws {
        let fixture = try SummaryFixture()
        defer { fixture.remove() }
        try fixture.fill()
        try fixture.append([
            try SummaryFixture.disbursement("p3", "2025-06-01", 40_000, expense: "charitable"),
            try SummaryFixture.disbursement("p4", "2025-06-02", 2_000, expense: "fundraising"),
        ])
        let ruleSet = try RuleSet.shipped("cn-charity")
        let reader = try LedgerReader(directory: fixture.directory)
        let export = try RatiosExport(reader: reader, verifiers: [fixture.signer.verifier], ruleSet: ruleSet)

        // The same call the audit's LAW-RATIO makes, over the same entries.
        var entries: [Entry] = []
        try reader.forEachEntry { _, bytes in entries.append(try Entry.decode(Array(bytes))) }
        let direct = try CharityRatios.years(ruleSet: ruleSet, entries: entries, entry: { try reader.entry(seq: $0) })
        #expect(export.years == direct)
        #expect(export.years.map(\.year) == [2024, 2025])
        // 2024 income: CNY donations net of the reversed d2 plus the charity contribution.
        #expect(export.years[0].income == 10_000 + 30_000 + 500 + 40_000)
        #expect(export.years[1].charitable == 40_000 && export.years[1].fundraising == 2_000)

        let only = try RatiosExport(reader: reader, verifiers: [fixture.signer.verifier], ruleSet: ruleSet, year: 2025)
        #expect(only.years == [direct[1]])
        let json = only.jsonText
        #expect(json.hasPrefix(#"{"checkpoint":{"note":"summary.example/ledger\n16\n"#))
        #expect(json.contains(#""rule_set":"cn-charity","year":2025,"years":[{"admin":"#))
        #expect(json.contains(#""prior_income":80500"#) && !json.contains("D-0"))
        let csv = only.csvText.components(separatedBy: "\r\n")
        #expect(csv[0].hasPrefix("year,currency,complete,income,prior_income,"))
        #expect(csv[1].hasPrefix("2025,CNY,true,9000,80500,,40000,0,2000,42000,"))
    }

    @Test func aChangedEntryOrAWrongKeyIsRefused() throws {
        let fixture = try SummaryFixture()
        defer { fixture.remove() }
        try fixture.fill()
        let ruleSet = try RuleSet.shipped("cn-charity")
        let stranger = try NoteSigner.generate(name: fixture.signer.name)
        #expect(throws: LedgerError.self) {
            try RatiosExport(reader: try LedgerReader(directory: fixture.directory), verifiers: [stranger.verifier], ruleSet: ruleSet)
        }
        let segment = fixture.directory + "/entries/00000000000000000000.jsonl"
        let text = try String(contentsOfFile: segment, encoding: .utf8)
        try text.replacingOccurrences(of: "\"value\":5000}", with: "\"value\":9000}").write(toFile: segment, atomically: false, encoding: .utf8)
        #expect(throws: LedgerError.self) {
            try RatiosExport(reader: try LedgerReader(directory: fixture.directory), verifiers: [fixture.signer.verifier], ruleSet: ruleSet)
        }
    }
}
