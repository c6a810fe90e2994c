import CivicLedger

extension ReportPage {
    /// For each restricted fund, what it received in the year against what it spent, by
    /// programme category; spending outside the fund's purpose is marked (STD-RESTRICT).
    func restrictedFunds() -> String {
        var html = "<section id=\"restricted\">\n<h2>Restricted funds \(year): received and spent by category</h2>\n"
        let codes = tally.openedFunds.values.filter { $0.restriction == .restricted }.map(\.code)
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        guard !codes.isEmpty else { return html + "<p>The ledger has no restricted fund.</p>\n</section>\n" }
        html += "<table><tr><th>Fund</th><th>Purpose</th><th>Received</th><th>Spent on</th><th>Spent</th></tr>\n"
        for code in codes {
            let fund = tally.openedFunds[code]!
            let flow = tally.restricted[code] ?? RestrictedFlow()
            var rows: [(String, Int64, Bool)] = ProgrammeCategory.allCases.compactMap { category in
                flow.spentByCategory[category].map { (ReportLabels.category(category), $0, category != fund.purpose) }
            }
            if flow.transferredOut > 0 { rows.append(("Transferred to other funds", flow.transferredOut, false)) }
            if rows.isEmpty { rows.append(("Nothing spent", 0, false)) }
            let span = rows.count > 1 ? " rowspan=\"\(rows.count)\"" : ""
            let purpose = fund.purpose.map(ReportLabels.category) ?? "not stated"
            for (index, row) in rows.enumerated() {
                html += "<tr>"
                if index == 0 {
                    html += "<td\(span)>\(e(code)): \(e(fund.name))</td><td\(span)>\(e(purpose))</td>"
                        + "<td class=\"n\"\(span)>\(e(money(flow.received)))</td>"
                }
                let label = row.2 ? "<span class=\"warning\">\(e(row.0)) (not the fund's purpose)</span>" : e(row.0)
                html += "<td>\(label)</td><td class=\"n\">\(e(money(row.1)))</td></tr>\n"
            }
        }
        return html + "</table>\n<p class=\"sub\">Each donor can follow a gift through its fund with "
            + "<code>civic trace LEDGER ID --vkey V</code>.</p>\n</section>\n"
    }
}
