import CivicAudit
import CivicLedger

/// A self-contained HTML report of one year (inline CSS and SVG, no scripts, no external
/// assets), bound to the verified checkpoint.
public struct HTMLReport: Sendable {
    public let checkpoint: ExportCheckpoint
    /// The number of charts (one `<svg>` each).
    public let chartCount: Int
    public let findingCount: Int
    /// The document, UTF-8, ending with a newline.
    public let html: String
}

/// `civic export report`: key figures, charts, the charity-law ratios (CharityRatios), the
/// audit's findings (Auditor, as of the last entry's time) and the checkpoint with the
/// commands to verify it. The same ledger and options always give the same bytes. Holds
/// no donor data: donors are only counted, and every party reference is redacted from the
/// audit messages it quotes.
public enum ReportExport {
    /// Findings quoted in full (the rest are counted).
    public static let quotedFindings = 10

    /// The report reads the ledger this many times: the tally's two passes, the audit, the ratios.
    public static let passes: UInt64 = 4

    /// `progress` is told how many entries all passes have read so far (of `passes` × size).
    public static func report(directory: String, verifiers: [NoteVerifier], ruleSet: RuleSet, year: Int,
                              progress: ((UInt64) -> Void)? = nil) throws -> HTMLReport {
        try report(log: try LedgerReader(directory: directory), verifiers: verifiers, ruleSet: ruleSet, year: year, progress: progress)
    }

    /// The report of a ledger in either engine.
    public static func report(log reader: any VerifiableLog, verifiers: [NoteVerifier], ruleSet: RuleSet, year: Int,
                              progress: ((UInt64) -> Void)? = nil) throws -> HTMLReport {
        guard ReportLabels.years.contains(year) else {
            throw LedgerError(.usage, "--year \(year) is not a calendar year \(ReportLabels.years.lowerBound)-\(ReportLabels.years.upperBound)")
        }
        let location = reader.location
        let bound = try ExportCheckpoint(reader: reader, verifiers: verifiers)
        let size = reader.size
        let tally = try ReportTally(reader: reader, year: year, progress: progress)
        guard let genesis = tally.genesis, let currency = tally.currency else {
            throw LedgerError(.corrupt, "\(location): entry 0 is not a genesis")
        }
        guard let first = tally.firstYear, let last = tally.lastYear, (first...last).contains(year) else {
            throw LedgerError(.usage, "\(location) holds value dates from \(tally.firstYear ?? 0) to \(tally.lastYear ?? 0), not \(year)")
        }
        let now = tally.lastTime.flatMap(UTCClock.unixSeconds) ?? 0
        var auditor = Auditor(log: reader, verifiers: verifiers, ruleSet: ruleSet, year: year, now: now)
        auditor.progress = progress.map { report in { report(2 * size + $0) } }
        let audit = try auditor.run()
        if let stopped = audit.stoppedAt {
            throw LedgerError(.corrupt, "\(location) does not verify, no report is bound to it: \(stopped)")
        }
        guard audit.size == bound.checkpoint.size, audit.root == bound.checkpoint.root else {
            throw LedgerError(.corrupt, "\(location): the ledger changed while the report was made; run it again")
        }
        let entries = CheckpointEntries(reader: reader, checkpoint: bound.checkpoint,
                                        progress: progress.map { report in { report(3 * size + $0) } })
        let ratios = try CharityRatios.years(ruleSet: ruleSet, entries: entries,
                                             entry: { try reader.entry(seq: $0) }, lastTime: tally.lastTime)
        try entries.finish()
        let page = ReportPage(genesis: genesis, currency: currency, year: year, tally: tally,
                              ratio: ratios.first { $0.year == year }, audit: audit, bound: bound, verifier: verifiers[0])
        let html = page.render()
        return HTMLReport(checkpoint: bound, chartCount: page.chartCount, findingCount: audit.findings.count, html: html)
    }
}

/// The report's HTML, section by section.
struct ReportPage {
    let genesis: Payload.Genesis
    let currency: Currency
    let year: Int
    let tally: ReportTally
    let ratio: RatioYear?
    let audit: AuditReport
    let bound: ExportCheckpoint
    let verifier: NoteVerifier

    var chartCount: Int { 6 }

    func money(_ value: Int64) -> String {
        Money.decimalText(value, currency, grouped: true) + " " + currency.code
    }

    func e(_ text: String) -> String { ReportHTML.escape(text) }

    func render() -> String {
        let name = e(genesis.org.name)
        var html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(name): report \(year)</title>
        <style>
        body{font-family:"Noto Sans","Noto Sans CJK SC","DejaVu Sans",Arial,sans-serif;color:#1d1d1d;background:#fff;margin:0;padding:24px 40px;max-width:1040px}
        h1{font-size:28px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 8px;border-bottom:2px solid #3a3a3a;padding-bottom:4px}
        .sub{color:#555;margin:0 0 16px}.figures{display:grid;grid-template-columns:repeat(4,1fr);gap:12px}
        .figure{background:#f4f7f6;border-left:5px solid #8a9a9a;padding:10px 12px}.figure b{display:block;font-size:19px;margin-top:4px}
        svg.chart{display:block;max-width:100%;height:auto;font-size:14px;margin:8px 0}svg .note{fill:#666;font-size:13px}
        table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;font-size:14px}
        td.n{text-align:right}.error{color:#b00020;font-weight:bold}.warning{color:#a05a00}
        pre{background:#f4f4f4;padding:10px;white-space:pre-wrap;word-break:break-all;font-size:13px}
        footer{margin-top:32px;color:#666;font-size:13px}
        </style>
        </head>
        <body>
        <header>
        <h1>\(name)</h1>
        <p class="sub">Annual report \(year) · unified social credit code \(e(genesis.org.uscc)) · \(e(genesis.org.type.rawValue))\
        \(genesis.org.publicFundraising ? " with public fundraising" : "") · ledger \(e(bound.checkpoint.origin)) · amounts in \(e(currency.code))</p>
        </header>

        """
        html += keyFigures() + charts() + restrictedFunds() + ratios() + findings() + checkpoint()
        html += """
        <footer>Made by <code>civic export report</code> from the signed ledger alone: the same ledger and options give the same bytes. \
        No donor's personal data or reference appears here; donors are only counted.</footer>
        </body>
        </html>

        """
        return html
    }

    private func keyFigures() -> String {
        var figures: [(String, String)] = [
            ("Income (donations and charity contributions)", money(tally.income)),
            ("Charitable spending", money(tally.charitable)),
            ("Administrative costs", money(tally.administrative)),
            ("Fundraising costs", money(tally.fundraising)),
            ("Donations", "\(tally.donations)"),
            ("Distinct donors", "\(tally.distinctDonors)"),
            ("Anonymous donations", "\(tally.anonymousDonations)"),
            ("Contributions (tiers 1–3)", "\(tally.contributions)"),
        ]
        if tally.reversedCount > 0 { figures.append(("Reversed entries left out", "\(tally.reversedCount)")) }
        if tally.otherCurrencyEntries > 0 {
            figures.append(("Entries in other currencies (not summed)", "\(tally.otherCurrencyEntries)"))
        }
        var html = "<section id=\"figures\">\n<h2>Key figures \(year)</h2>\n<div class=\"figures\">\n"
        for (label, value) in figures {
            html += "<div class=\"figure\">\(e(label))<b>\(e(value))</b></div>\n"
        }
        return html + "</div>\n</section>\n"
    }

    private func charts() -> String {
        var html = "<section id=\"charts\">\n<h2>Where the money went</h2>\n"
        let categories = ProgrammeCategory.allCases.compactMap { category -> ReportSVG.Bar? in
            guard let value = tally.charitableByCategory[category] else { return nil }
            return ReportSVG.Bar(label: ReportLabels.category(category), value: value, caption: money(value))
        }.sorted { ($0.value, $1.label) > ($1.value, $0.label) }
        html += "<h3>Charitable spending by programme category</h3>\n"
        html += ReportSVG.horizontalBars(id: "chart-category", title: "Charitable spending by programme category",
                                         bars: categories, fill: ReportSVG.Fill.category)
        html += "<h3>Income and charitable spending by month</h3>\n"
        html += ReportSVG.months(id: "chart-month", title: "Income and charitable spending by month",
                                 income: tally.incomeByMonth, charitable: tally.charitableByMonth, format: money)
        let areas = ["urban", "rural", "not stated"].compactMap { area -> ReportSVG.Bar? in
            guard let value = tally.charitableByArea[area] else { return nil }
            return ReportSVG.Bar(label: area == "not stated" ? "Region not stated" : area.prefix(1).uppercased() + area.dropFirst(),
                                 value: value, caption: money(value))
        }
        html += "<h3>Charitable spending, urban and rural</h3>\n"
        html += ReportSVG.horizontalBars(id: "chart-area", title: "Charitable spending, urban and rural",
                                         bars: areas, fill: ReportSVG.Fill.area)
        let tiers = tally.contributionsByTier.keys.sorted().map { key in
            ReportSVG.Bar(label: "Tier \(key.tier), \(key.mechanism) mechanism", value: tally.contributionsByTier[key]!,
                          caption: money(tally.contributionsByTier[key]!))
        }
        html += "<h3>Contributions by tier and mechanism</h3>\n"
        html += ReportSVG.horizontalBars(id: "chart-tier", title: "Contributions by tier and mechanism",
                                         bars: tiers, fill: ReportSVG.Fill.tiers)
        let funds = tally.fundBalances.keys.sorted().map { code in
            let name = tally.fundNames[code].map { "\(code): \($0)" } ?? code
            return ReportSVG.Bar(label: name.count > 34 ? String(name.prefix(33)) + "…" : name,
                                 value: tally.fundBalances[code]!, caption: money(tally.fundBalances[code]!))
        }
        html += "<h3>Fund balances at 31 December \(year)</h3>\n"
        html += ReportSVG.horizontalBars(id: "chart-funds", title: "Fund balances at 31 December \(year)",
                                         bars: funds, fill: ReportSVG.Fill.funds)
        return html + "</section>\n"
    }

    private func ratios() -> String {
        var html = "<section id=\"ratios\">\n<h2>Charity-law ratios (\(e(audit.ruleSet)))</h2>\n"
        var rows: [ReportSVG.RatioBar] = []
        if let ratio {
            func outcome(_ outcome: RatioYear.Outcome, _ test: RatioYear.Test) -> String {
                outcome == .unknown ? "not judged" : "\(outcome.rawValue) (\(test.rawValue) test)"
            }
            if ratio.minSpendingOfPriorIncomeBP != nil {
                rows.append(.init(label: "Charitable spending / last year's income", valueBP: ratio.spendingOfPriorIncomeBP,
                                  thresholdBP: ratio.minSpendingOfPriorIncomeBP, thresholdKind: "minimum",
                                  outcome: "Spending: " + outcome(ratio.spending, ratio.spendingTest)))
            }
            if ratio.minSpendingOfNetAssetsBP != nil {
                rows.append(.init(label: "Charitable spending / net assets", valueBP: ratio.spendingOfNetAssetsBP,
                                  thresholdBP: ratio.minSpendingOfNetAssetsBP, thresholdKind: "minimum",
                                  outcome: "Spending: " + outcome(ratio.spending, ratio.spendingTest)))
            }
            rows.append(.init(label: "Administrative costs / total spending", valueBP: ratio.adminOfSpendingBP,
                              thresholdBP: ratio.maxAdminOfSpendingBP, thresholdKind: "maximum",
                              outcome: "Administrative costs: " + outcome(ratio.admin, ratio.adminTest)))
        }
        html += ReportSVG.ratios(id: "chart-ratios", title: "Charity-law ratios \(year) against their thresholds", rows: rows)
        if let ratio {
            html += "<table><tr><th>Figure</th><th>Value</th></tr>\n"
            var lines: [(String, String)] = [("Income \(year)", money(ratio.income))]
            if let prior = ratio.priorIncome { lines.append(("Income \(year - 1)", money(prior))) }
            if let average = ratio.averagePriorIncome { lines.append(("Average income of the years before", money(average))) }
            lines.append(("Total spending \(year)", money(ratio.totalSpending)))
            if let floor = ratio.adminFloor { lines.append(("Administrative-cost floor", money(floor))) }
            lines.append(("Year complete", ratio.complete ? "yes" : "no: the log has not passed 31 December"))
            if ratio.unconfirmed { lines.append(("Thresholds", "flagged unconfirmed in the rule set")) }
            for (label, value) in lines { html += "<tr><td>\(e(label))</td><td class=\"n\">\(e(value))</td></tr>\n" }
            html += "</table>\n"
            for note in ratio.notes { html += "<p class=\"sub\">\(e(note))</p>\n" }
        }
        return html + "</section>\n"
    }

    private func findings() -> String {
        var html = "<section id=\"findings\">\n<h2>Audit findings \(year)</h2>\n"
        html += "<p>\(audit.count(.error)) errors, \(audit.count(.warning)) warnings, \(audit.count(.info)) notes from "
            + "\(audit.rules.count) rules of the rule set \(e(audit.ruleSet)), judged as of the last entry's time.</p>\n"
        var counts: [String: [Severity: Int]] = [:]
        for finding in audit.findings { counts[finding.rule, default: [:]][finding.severity, default: 0] += 1 }
        if !counts.isEmpty {
            html += "<table><tr><th>Rule</th><th>Errors</th><th>Warnings</th><th>Notes</th></tr>\n"
            for rule in counts.keys.sorted() {
                let row = counts[rule]!
                html += "<tr><td>\(e(rule))</td><td class=\"n\">\(row[.error] ?? 0)</td><td class=\"n\">\(row[.warning] ?? 0)</td>"
                    + "<td class=\"n\">\(row[.info] ?? 0)</td></tr>\n"
            }
            html += "</table>\n"
            // The first two findings of each rule, worst severity first, at most `quotedFindings`.
            var byRule: [String: [Finding]] = [:]
            for finding in audit.findings where byRule[finding.rule, default: []].count < 2 { byRule[finding.rule, default: []].append(finding) }
            let worst = byRule.mapValues { $0.map(\.severity).max()! }
            let quoted = byRule.keys.sorted { (worst[$1]!, $0) < (worst[$0]!, $1) }.flatMap { byRule[$0]! }
                .prefix(ReportExport.quotedFindings)
            html += "<ol>\n"
            for finding in quoted {
                let at = finding.seq.map { " seq \($0)" } ?? finding.year.map { " \($0)" } ?? ""
                html += "<li><span class=\"\(finding.severity.rawValue)\">\(e(finding.severity.rawValue))</span> "
                    + "\(e(finding.rule))\(at): \(e(redact(finding.message)))</li>\n"
            }
            html += "</ol>\n"
            if audit.findings.count > quoted.count {
                html += "<p class=\"sub\">\(audit.findings.count - quoted.count) more: run <code>civic audit</code> for all of them.</p>\n"
            }
        }
        return html + "</section>\n"
    }

    /// Replaces every whole party reference in `text` with "[party]".
    func redact(_ text: String) -> String {
        func isRefCharacter(_ character: Character) -> Bool {
            character.isASCII && (character.isLetter || character.isNumber || "._:-".contains(character))
        }
        var out = ""
        var token = ""
        func flush() {
            var core = Substring(token)
            var tail = ""
            while let end = core.last, ".:".contains(end), !tally.partyRefs.contains(String(core)) {
                tail = String(end) + tail
                core = core.dropLast()
            }
            out += tally.partyRefs.contains(String(core)) ? "[party]" + tail : token
            token = ""
        }
        for character in text {
            if isRefCharacter(character) { token.append(character) } else { flush(); out.append(character) }
        }
        flush()
        return out
    }

    private func checkpoint() -> String {
        let checkpoint = bound.checkpoint
        let vkey = verifier.vkey
        return """
        <section id="checkpoint">
        <h2>The checkpoint this report is bound to</h2>
        <table>
        <tr><td>Origin</td><td>\(e(checkpoint.origin))</td></tr>
        <tr><td>Size (entries)</td><td>\(checkpoint.size)</td></tr>
        <tr><td>Root hash (base64)</td><td><code>\(e(checkpoint.root.base64))</code></td></tr>
        <tr><td>Verifier key</td><td><code>\(e(vkey))</code></td></tr>
        </table>
        <p id="donor-check">A donor checks a receipt in any browser, trusting no server, with <a href="\(DonorPage.fileName)">the donor page</a> \
        that <code>civic publish</code> writes beside the tiles, pinned to this verifier key (the link works when this report is in the publication folder).</p>
        <p>The signed checkpoint (save it as <code>checkpoint.txt</code>):</p>
        <pre id="signed-note">\(e(bound.note.serialized))</pre>
        <p>To check the figures, take a copy of the ledger directory (<code>LEDGER</code> below) and run:</p>
        <pre>\(e(ShellQuote.command(["civic", "verify", "LEDGER", "--vkey", vkey, "--checkpoint", "checkpoint.txt"])))
        \(e(ShellQuote.command(["civic", "export", "report", "LEDGER", "--vkey", vkey, "--year", String(year),
                                 "--out", "report.html", "--rules", audit.ruleSet])))</pre>
        <p>The first proves the ledger verifies and extends this checkpoint; the second rebuilds this report, byte for byte while the ledger still has this size. \
        When the ledger has grown, its keeper can prove it only appended:</p>
        <pre>\(e(ShellQuote.command(["civic", "consistency", "LEDGER", "--from", String(checkpoint.size), "--out", "proof.txt"])))
        \(e(ShellQuote.command(["civic", "verify-consistency", "proof.txt", "--vkey", vkey])))</pre>
        </section>

        """
    }
}
