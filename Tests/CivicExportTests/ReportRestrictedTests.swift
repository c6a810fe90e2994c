import CivicAudit
import CivicExport
import CivicLedger
import Testing

/// The HTML report's restricted-fund table: received against spent by category, net of
/// reversals, with spending outside the fund's purpose marked.
@Suite struct ReportRestrictedTests {
    typealias F = TraceFixture

    @Test func receivedAgainstSpentByCategory() throws {
        let ledger = try TraceFixture()
        defer { ledger.remove() }
        try ledger.append([
            try F.fund("EDU", purpose: "children"), try F.fund("GEN"),               // 1, 2
            try F.donation("d1", "EDU", 100_000),                                    // 3: EDU receives 1,000.00
            try F.donation("d2", "GEN", 50_000),                                     // 4: not restricted
            try F.transfer("t1", "GEN", "EDU", 20_000),                              // 5: EDU receives 200.00
            try F.disbursement("p1", "EDU", 30_000),                                 // 6: children 300.00
            try F.disbursement("p2", "EDU", 5_000, category: "medical"),             // 7: medical 50.00, off purpose
            try F.transfer("t2", "EDU", "GEN", 10_000),                              // 8: 100.00 out
            try F.disbursement("p3", "EDU", 7_000),                                  // 9: reversed by 10
            try F.reversal("r1", target: 9),                                         // 10
        ])
        let report = try ReportExport.report(directory: ledger.directory, verifiers: [ledger.signer.verifier],
                                             ruleSet: try RuleSet.shipped(RuleSet.defaultName), year: 2025)
        let html = report.html
        let start = try #require(html.range(of: "<section id=\"restricted\">"))
        let section = String(html[start.lowerBound...].prefix { _ in true }.split(separator: "</section>")[0])
        // Categories in the catalogue's order (medical before children).
        #expect(section.contains("<td rowspan=\"3\">EDU: Fund EDU</td><td rowspan=\"3\">Welfare for children</td>"
            + "<td class=\"n\" rowspan=\"3\">1,200.00 CNY</td><td><span class=\"warning\">Medical security (not the fund's purpose)</span>"
            + "</td><td class=\"n\">50.00 CNY</td></tr>"), "\(section)")
        #expect(section.contains("<tr><td>Welfare for children</td><td class=\"n\">300.00 CNY</td></tr>"))
        #expect(section.contains("<td>Transferred to other funds</td><td class=\"n\">100.00 CNY</td>"))
        #expect(!section.contains("GEN:") && !section.contains("70.00"))
    }
}
