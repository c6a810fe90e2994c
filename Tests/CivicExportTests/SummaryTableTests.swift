import CivicExport
import CivicLedger
import Foundation
import Testing

@Suite struct SummaryTableTests {
    @Test func totalsPerKindNetReversalsIntoTheTargetRow() throws {
        let fixture = try SummaryFixture()
        defer { fixture.remove() }
        try fixture.fill()
        // d2 (20,000, 2024) is reversed in 2025: it leaves the 2024 donation row, D-0001 stays through d1.
        #expect(try fixture.summary("kind,year").lines == [
            "contribution|2024 CNY 1 40000 1",
            "disbursement|2024 CNY 2 6000 0",
            "donation|2024 CNY 3 40500 2",
            "donation|2024 USD 1 700 1",
            "donation|2025 CNY 1 9000 1",
            "transfer|2024 CNY 1 2000 0",
        ])
        // A reversal is no row of its own; the 2025 period does not see the 2024 target.
        #expect(try fixture.summary("kind", period: SummaryPeriod(year: 2025)).lines == ["donation CNY 1 9000 1"])
    }

    @Test func aPartyLeavesARowWhenAllItsEntriesAreReversed() throws {
        let fixture = try SummaryFixture()
        defer { fixture.remove() }
        try fixture.fill()
        try fixture.append([try SummaryFixture.reversal("r2", "2025-02-01", target: 3)]) // d1: D-0001's last gift
        #expect(try fixture.summary("kind", period: SummaryPeriod(year: 2024)).lines.filter { $0.hasPrefix("donation CNY") }
            == ["donation CNY 2 30500 1"])
        // Reversing the same entry twice (a ledger written without STD-REVERSAL) counts once.
        try fixture.append([try SummaryFixture.reversal("r3", "2025-02-02", target: 3)])
        #expect(try fixture.summary("kind", period: SummaryPeriod(year: 2024)).lines.filter { $0.hasPrefix("donation CNY") }
            == ["donation CNY 2 30500 1"])
    }

    @Test func missingValuesAreNullAndSortFirst() throws {
        let fixture = try SummaryFixture()
        defer { fixture.remove() }
        try fixture.fill()
        let export = try fixture.summary("tier,area,fund,restriction,quarter", period: SummaryPeriod(from: "2024-01-01", to: "2024-09-30"))
        #expect(export.lines == [
            "∅|∅|EDU|restricted|2024-Q2 CNY 1 30000 1",
            "∅|∅|EDU|restricted|2024-Q3 CNY 1 5000 0",
            "∅|∅|GEN|unrestricted|2024-Q2 CNY 1 500 0",
            "∅|∅|GEN|unrestricted|2024-Q2 USD 1 700 1",
            "∅|∅|GEN|unrestricted|2024-Q3 CNY 1 1000 0",
            "∅|∅|GEN>EDU|unrestricted>restricted|2024-Q3 CNY 1 2000 0",
            "∅|rural|GEN|unrestricted|2024-Q1 CNY 1 10000 1",
            "3|∅|∅|∅|2024-Q3 CNY 1 40000 1",
        ])
        let json = String(decoding: CanonicalJSON.encode(export.json), as: UTF8.self)
        #expect(json.contains(#"{"area":null,"count":1,"currency":"CNY","fund":"EDU","parties":1,"quarter":"2024-Q2","restriction":"restricted","tier":null,"total":30000}"#))
        #expect(json.contains(#""period":{"from":"2024-01-01","to":"2024-09-30"}"#))
    }

    @Test func exportsAreDeterministicAndHoldNoPartyReference() throws {
        let fixture = try SummaryFixture()
        defer { fixture.remove() }
        try fixture.fill()
        let all = SummaryDimension.allCases.map(\.rawValue).joined(separator: ",")
        let first = try fixture.summary(all)
        let second = try fixture.summary(all)
        #expect(first.jsonText == second.jsonText && first.csvText == second.csvText)
        for text in [first.jsonText, first.csvText] {
            #expect(!text.contains("D-0") && !text.contains("C-0"))
        }
        guard case .object(let top) = first.json, case .object(let checkpoint)? = top["checkpoint"] else {
            Issue.record("no checkpoint"); return
        }
        #expect(checkpoint["size"] == .integer(14))
    }

    @Test func csvQuotesAndDecimals() throws {
        #expect(CSVWriter.field("plain") == "plain")
        #expect(CSVWriter.field("a,b") == "\"a,b\"")
        #expect(CSVWriter.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.field("two\nlines") == "\"two\nlines\"")
        var writer = CSVWriter(header: ["a", "b"])
        writer.append(["1,5", ""])
        #expect(writer.text == "a,b\r\n\"1,5\",\r\n")
        #expect(Money.decimalText(5, .cny) == "0.05" && Money.decimalText(123_456, .cny) == "1234.56")
        #expect(Money.decimalText(-7, .cny) == "-0.07" && Money.decimalText(0, .cny) == "0.00")
        #expect(Money.decimalText(5, try Currency.named("JPY")) == "5")

        let fixture = try SummaryFixture()
        defer { fixture.remove() }
        try fixture.fill()
        let csv = try fixture.summary("kind,currency").csvText
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0] == "kind,currency,count,total,total_decimal,parties,checkpoint_origin,checkpoint_size,checkpoint_root,checkpoint_note")
        #expect(lines[1].hasPrefix("contribution,CNY,1,40000,400.00,1,summary.example/ledger,14,"))
        #expect(lines[1].contains(",\"summary.example/ledger\n14\n"))
    }

    @Test func dimensionListsAndPeriodsAreChecked() throws {
        #expect(try SummaryDimension.parseList("kind, year") == [.kind, .year])
        for bad in ["", "kind,", "donor", "kind,kind"] {
            #expect(throws: LedgerError.self) { try SummaryDimension.parseList(bad) }
        }
        #expect(throws: LedgerError.self) { try SummaryPeriod(from: "2024-02-30", to: nil) }
        #expect(throws: LedgerError.self) { try SummaryPeriod(from: "2025-01-01", to: "2024-12-31") }
        #expect(throws: LedgerError.self) { try SummaryPeriod(year: 0) }
        let leap = try SummaryPeriod(from: "2024-02-29", to: nil)
        #expect(leap.contains(CivilDate("2024-03-01")!) && !leap.contains(CivilDate("2024-02-28")!))
        // A year outside the writable value dates would make a table of empty millennia.
        #expect(throws: LedgerError.self) { try SummaryPeriod(year: 9999) }
        #expect(try SummaryPeriod(year: 2199).to == CivilDate(year: 2199, month: 12, day: 31))
    }

    @Test func aWrongKeyOrAChangedEntryIsRefused() throws {
        let fixture = try SummaryFixture()
        defer { fixture.remove() }
        try fixture.fill()
        let stranger = try NoteSigner.generate(name: fixture.signer.name)
        #expect(throws: LedgerError.self) {
            try SummaryExport(reader: try LedgerReader(directory: fixture.directory), verifiers: [stranger.verifier],
                              by: [.kind], period: .all)
        }
        // Same length, other amount: the entries no longer hash to the signed root.
        let segment = fixture.directory + "/entries/00000000000000000000.jsonl"
        let text = try String(contentsOfFile: segment, encoding: .utf8)
        try text.replacingOccurrences(of: "\"value\":30000", with: "\"value\":90000").write(toFile: segment, atomically: false, encoding: .utf8)
        do {
            _ = try fixture.summary("kind")
            Issue.record("a changed entry was exported")
        } catch let error as LedgerError {
            #expect(error.code == .corrupt && error.message.contains("root"))
        }
    }
}
