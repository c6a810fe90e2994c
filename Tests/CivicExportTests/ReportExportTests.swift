import CivicAudit
import CivicExport
import CivicLedger
import Foundation
import Testing

@Suite struct ReportExportTests {
    static let charts = ["chart-category", "chart-month", "chart-area", "chart-tier", "chart-funds", "chart-ratios"]

    @Test func theReportIsStableEscapedAndBound() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        let rules = try RuleSet.shipped(RuleSet.defaultName)
        let report = try ReportExport.report(directory: fixture.directory, verifiers: [fixture.signer.verifier], ruleSet: rules, year: 2025)
        let again = try ReportExport.report(directory: fixture.directory, verifiers: [fixture.signer.verifier], ruleSet: rules, year: 2025)
        #expect(Array(report.html.utf8) == Array(again.html.utf8))
        let html = report.html
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.components(separatedBy: "<svg ").count - 1 == Self.charts.count && report.chartCount == Self.charts.count)
        for chart in Self.charts { #expect(html.contains("id=\"\(chart)\""), "\(chart) missing") }
        // Self-contained: no script, no external asset.
        #expect(!html.contains("<script") && !html.contains("src="))
        // One link, relative: the donor page civic publish writes beside the tiles.
        #expect(html.components(separatedBy: "href=").count == 2 && html.contains("<a href=\"index.html\">the donor page</a>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Foundation&quot;"))
        // Bound to the checkpoint, with the commands to check it.
        let checkpoint = report.checkpoint.checkpoint
        #expect(html.contains(checkpoint.root.base64) && html.contains("<td>\(checkpoint.size)</td>"))
        #expect(html.contains(ReportHTML_escape(report.checkpoint.note.serialized)))
        #expect(html.contains("civic verify LEDGER --vkey") && html.contains("civic verify-consistency proof.txt"))
        // Key figures: the reversal left out, donors counted, never named.
        #expect(html.contains("Distinct donors<b>2</b>") && html.contains("Donations<b>3</b>"))
        #expect(html.contains("Charitable spending<b>20,345.50 CNY</b>"))
        #expect(html.contains("Income (donations and charity contributions)<b>88,000.50 CNY</b>"))
        for secret in ReportFixture.forbidden { #expect(!html.contains(secret), "\(secret) leaked") }
        #expect(html.contains("Charity-law ratios") && html.contains("Audit findings 2025"))
    }

    @Test func aWrongKeyOrAYearOutsideTheLedgerIsRefused() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        let rules = try RuleSet.shipped(RuleSet.defaultName)
        let stranger = try NoteSigner.generate(name: fixture.signer.name)
        let wrongKey = #expect(throws: LedgerError.self) {
            try ReportExport.report(directory: fixture.directory, verifiers: [stranger.verifier], ruleSet: rules, year: 2025)
        }
        #expect(wrongKey?.code == .corrupt)
        for year in [2019, 99_999] {
            let error = #expect(throws: LedgerError.self) {
                try ReportExport.report(directory: fixture.directory, verifiers: [fixture.signer.verifier], ruleSet: rules, year: year)
            }
            #expect(error?.code == .usage)
        }
    }

    /// HTML escaping as the report does it, to find the signed note in the page.
    private func ReportHTML_escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}
