import CivicLedger

extension DonationTrace {
    /// The trace for people: a heading, the checkpoint, one line a step, and what is spent
    /// and unspent. Money through `Money.decimalText`; the JSON form is the exact one.
    public func text() throws -> String {
        let currency = donation.amount.currency
        func money(_ value: Int64) -> String { Money.decimalText(value, currency) + " " + currency.code }
        var lines = [
            "trace of donation seq \(donation.seq), id \(donation.id): \(money(donation.amount.value)) to fund \(donation.fund) "
                + "on \(donation.date.text)",
            "checkpoint: \(checkpoint.origin), tree size \(checkpoint.size), root \(checkpoint.root.base64)",
            "rule: first in, first out per fund and currency, in log order (\(DonationTrace.format))",
        ]
        if let reversal {
            lines.append("reversed by seq \(reversal.seq) on \(reversal.date.text): the donation was never drawn on")
        }
        for step in steps {
            switch step {
            case .disbursement(let spending):
                let region = spending.region.map { "\($0.code) \($0.area.rawValue)" } ?? "region not stated"
                lines.append("seq \(spending.seq)  \(spending.date.text)  disbursement from \(spending.fund)  "
                    + "\(spending.category.rawValue) (\(spending.expense.rawValue))  \(region)  \(money(spending.amount))"
                    + (spending.onPurpose ? "" : "  NOT the fund's purpose"))
            case .transfer(let move):
                lines.append("seq \(move.seq)  \(move.date.text)  transfer \(move.from) > \(move.to)  \(money(move.amount))")
            }
        }
        let spendings = steps.filter { if case .disbursement = $0 { true } else { false } }.count
        lines.append("spent: \(money(try spent())) in \(spendings) disbursement\(spendings == 1 ? "" : "s")")
        let places = unspent.map { "\($0.fund) \(money($0.amount))" }.joined(separator: ", ")
        lines.append("unspent: \(money(try unspentTotal()))" + (places.isEmpty ? "" : " (\(places))"))
        return lines.map { $0 + "\n" }.joined()
    }
}
