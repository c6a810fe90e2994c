/// Inline SVG charts for the HTML report. Every text is escaped; every chart carries
/// `data-fill`, the one colour its bars are drawn in and no other chart uses, so a render
/// check can find each chart in a screenshot. Geometry only is computed in Double.
enum ReportSVG {
    struct Bar {
        let label: String
        let value: Int64
        /// The text after the bar (an amount, a percentage).
        let caption: String
    }

    /// The bar colours, one per chart.
    enum Fill {
        static let category = "#1b6ca8"
        static let monthIncome = "#e76f51"
        static let monthCharitable = "#2a9d8f"
        static let area = "#6a4c93"
        static let tiers = "#f4a261"
        static let funds = "#264653"
        static let ratios = "#9d4edd"
        static let threshold = "#d62828"
    }

    static let width = 960

    /// Horizontal bars, one row each, scaled to the largest value.
    static func horizontalBars(id: String, title: String, bars: [Bar], fill: String) -> String {
        let rowHeight = 30, top = 16, labelWidth = 300, barSpace = 470
        let height = top * 2 + max(1, bars.count) * rowHeight
        var svg = open(id: id, title: title, height: height, fill: fill, bars: bars.filter { $0.value > 0 }.count)
        guard !bars.isEmpty else {
            svg += "<text x=\"16\" y=\"36\" class=\"note\">No entries in this period.</text></svg>\n"
            return svg
        }
        let largest = bars.map(\.value).max() ?? 0
        for (row, bar) in bars.enumerated() {
            let y = top + row * rowHeight
            let length = scaled(bar.value, of: largest, to: barSpace)
            svg += "<text x=\"\(labelWidth - 10)\" y=\"\(y + 19)\" text-anchor=\"end\">\(ReportHTML.escape(bar.label))</text>"
            if length > 0 {
                svg += "<rect class=\"bar\" x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(length)\" height=\"\(rowHeight - 8)\" fill=\"\(fill)\"/>"
            }
            svg += "<text x=\"\(labelWidth + length + 8)\" y=\"\(y + 19)\">\(ReportHTML.escape(bar.caption))</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// Twelve months, two bars each (income and charitable spending).
    static func months(id: String, title: String, income: [Int64], charitable: [Int64], format: (Int64) -> String) -> String {
        let height = 320, left = 70, plotTop = 40, plotHeight = 220, group = (width - left - 20) / 12
        let largest = max(income.max() ?? 0, charitable.max() ?? 0)
        var svg = open(id: id, title: title, height: height, fill: Fill.monthCharitable,
                       bars: charitable.filter { $0 > 0 }.count)
        svg += "<rect x=\"\(left)\" y=\"8\" width=\"14\" height=\"14\" fill=\"\(Fill.monthIncome)\"/><text x=\"\(left + 20)\" y=\"20\">Income</text>"
        svg += "<rect x=\"\(left + 120)\" y=\"8\" width=\"14\" height=\"14\" fill=\"\(Fill.monthCharitable)\"/><text x=\"\(left + 140)\" y=\"20\">Charitable spending</text>"
        svg += "<text x=\"\(width - 20)\" y=\"20\" text-anchor=\"end\" class=\"note\">largest month: \(ReportHTML.escape(format(largest)))</text>\n"
        svg += "<line x1=\"\(left)\" y1=\"\(plotTop + plotHeight)\" x2=\"\(width - 20)\" y2=\"\(plotTop + plotHeight)\" stroke=\"#888\"/>\n"
        for month in 0..<12 {
            let x = left + month * group
            let barWidth = (group - 12) / 2
            for (index, (value, fill)) in [(income[month], Fill.monthIncome), (charitable[month], Fill.monthCharitable)].enumerated() {
                let length = scaled(value, of: largest, to: plotHeight)
                if length > 0 {
                    svg += "<rect class=\"bar\" x=\"\(x + 4 + index * barWidth)\" y=\"\(plotTop + plotHeight - length)\" width=\"\(barWidth)\" height=\"\(length)\" fill=\"\(fill)\"><title>\(ReportLabels.months[month]): \(ReportHTML.escape(format(value)))</title></rect>"
                }
            }
            svg += "<text x=\"\(x + group / 2)\" y=\"\(plotTop + plotHeight + 20)\" text-anchor=\"middle\">\(ReportLabels.months[month])</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// A ratio row: the value and its threshold, in basis points.
    struct RatioBar {
        let label: String
        let valueBP: Int64?
        let thresholdBP: Int64?
        /// "minimum" or "maximum".
        let thresholdKind: String
        let outcome: String
    }

    /// The charity-law ratios as bars on a 0–100 % (or larger) scale, thresholds as red lines.
    static func ratios(id: String, title: String, rows: [RatioBar]) -> String {
        let rowHeight = 44, top = 16, labelWidth = 330, barSpace = 380
        let height = top * 2 + max(1, rows.count) * rowHeight + 10
        let scaleBP = max(10_000, rows.compactMap(\.valueBP).max() ?? 0, rows.compactMap(\.thresholdBP).max() ?? 0)
        var svg = open(id: id, title: title, height: height, fill: Fill.ratios,
                       bars: rows.filter { ($0.valueBP ?? 0) > 0 }.count)
        guard !rows.isEmpty else {
            svg += "<text x=\"16\" y=\"36\" class=\"note\">The rule set has no ratio row for this organisation.</text></svg>\n"
            return svg
        }
        for (row, ratio) in rows.enumerated() {
            let y = top + row * rowHeight
            svg += "<text x=\"\(labelWidth - 10)\" y=\"\(y + 19)\" text-anchor=\"end\">\(ReportHTML.escape(ratio.label))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(barSpace)\" height=\"22\" fill=\"#f1f1f1\"/>"
            let length = scaled(ratio.valueBP ?? 0, of: scaleBP, to: barSpace)
            if length > 0 {
                svg += "<rect class=\"bar\" x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(length)\" height=\"22\" fill=\"\(Fill.ratios)\"/>"
            }
            var caption = ratio.valueBP.map(ReportHTML.percent) ?? "not judged"
            if let threshold = ratio.thresholdBP {
                let x = labelWidth + scaled(threshold, of: scaleBP, to: barSpace)
                svg += "<line x1=\"\(x)\" y1=\"\(y)\" x2=\"\(x)\" y2=\"\(y + 30)\" stroke=\"\(Fill.threshold)\" stroke-width=\"3\"/>"
                caption += " (\(ratio.thresholdKind) \(ReportHTML.percent(threshold)))"
            }
            svg += "<text x=\"\(labelWidth + barSpace + 10)\" y=\"\(y + 19)\">\(ReportHTML.escape(caption))</text>"
            svg += "<text x=\"\(labelWidth)\" y=\"\(y + 40)\" class=\"note\">\(ReportHTML.escape(ratio.outcome))</text>\n"
        }
        return svg + "</svg>\n"
    }

    private static func open(id: String, title: String, height: Int, fill: String, bars: Int) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id)\" class=\"chart\" data-fill=\"\(fill)\" data-bars=\"\(bars)\" "
            + "role=\"img\" aria-label=\"\(ReportHTML.escape(title))\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\">"
            + "<title>\(ReportHTML.escape(title))</title>\n"
    }

    /// `value / largest * space`, rounded, at least 1 for a positive value; 0 for none or negative.
    private static func scaled(_ value: Int64, of largest: Int64, to space: Int) -> Int {
        guard value > 0, largest > 0 else { return 0 }
        let length = Int((Double(value) / Double(largest) * Double(space)).rounded())
        return min(space, max(1, length))
    }
}
