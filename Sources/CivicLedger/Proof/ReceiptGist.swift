/// The readable part of a receipt, derived only from the entry, the genesis and the
/// checkpoint size, so a verifier can recompute it exactly.
enum ReceiptGist {
    static func lines(entry: Entry, genesis: Entry, checkpointSize: UInt64, reversal: Entry?) throws -> [(String, String)] {
        guard case .genesis(let keeper) = genesis.body.payload else {
            throw LedgerError(.invalidProof, "entry 0 is not a genesis")
        }
        var lines: [(String, String)] = [
            ("organisation", keeper.org.name),
            ("unified social credit code", keeper.org.uscc),
            ("ledger", keeper.origin),
            ("entry", "seq \(entry.seq), id \(entry.body.id)"),
            ("kind", entry.body.kind.rawValue),
            ("value date", entry.body.date.text),
            ("recorded", entry.time),
        ]
        switch entry.body.payload {
        case .donation(let donation):
            lines += [("amount", donation.amount.description), ("fund", donation.fund),
                      ("programme", donation.category.rawValue), ("receipt", receipt(donation.receipt)),
                      ("donor", donor(donation.donor))]
        case .contribution(let contribution):
            lines += [("amount", contribution.amount.description), ("scheme", contribution.scheme.rawValue),
                      ("tier", String(contribution.tier.rawValue)), ("mechanism", contribution.mechanism.rawValue),
                      ("contributor", contribution.contributor.ref)]
            if let participant = contribution.participant { lines.append(("participant", participant)) }
        default:
            throw LedgerError(.invalidProof, "receipts are for donations and contributions, not \(entry.body.kind.rawValue)")
        }
        if let reversal { lines.append(ReceiptReversal.gistLine(reversal)) }
        lines.append(("checkpoint", "tree size \(checkpointSize)"))
        // A value is one line: control characters in a name or reference become spaces.
        return lines.map { ($0.0, String($0.1.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7f ? " " : Character($0) })) }
    }

    private static func receipt(_ receipt: Payload.Donation.Receipt) -> String {
        switch receipt {
        case .issued(let series, let number): "\(series) no. \(number)"
        case .declined: "declined"
        }
    }

    private static func donor(_ donor: Payload.Donation.Donor) -> String {
        switch donor {
        case .party(let party): "\(party.ref) (\(party.type.rawValue))"
        case .anonymous: "anonymous"
        }
    }
}
