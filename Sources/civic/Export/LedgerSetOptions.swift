import ArgumentParser
import CivicExport
import CivicLedger

/// The ledgers of `civic export summary` and `ratios`: one (`DIR --vkey V`), or several for
/// a consolidated export (`--ledger DIR --vkey V`, repeated, the n-th key for the n-th
/// ledger; or `--ledgers FILE`). Each is verified under its own key, never one read from it.
struct LedgerSetOptions: ParsableArguments {
    @Argument(help: "The ledger directory (one ledger; for several give --ledger or --ledgers instead).")
    var directory: String?

    @Option(help: "Trusted verifier key (name+id+key), or a file holding it; with --ledger, one for each, in the same order.")
    var vkey: [String] = []

    @Option(help: "A ledger of a consolidated export (repeatable, each with its own --vkey).")
    var ledger: [String] = []

    @Option(help: "A file listing the ledgers of a consolidated export, one 'VKEY DIR' a line (README).")
    var ledgers: String?

    enum Choice {
        case one(directory: String, verifier: NoteVerifier)
        case many([LedgerSource])
    }

    func choice() throws -> Choice {
        if let ledgers {
            guard directory == nil, ledger.isEmpty, vkey.isEmpty else {
                throw LedgerError(.usage, "--ledgers FILE gives every ledger and key: no DIR, --ledger or --vkey with it")
            }
            let bytes = try InputFile.read(ledgers, limit: LedgerList.byteCountMax)
            let base = ledgers.contains("/") ? String(ledgers[..<ledgers.lastIndex(of: "/")!]) : ""
            return .many(try LedgerList.parse(bytes, name: ledgers, base: base.isEmpty && ledgers.hasPrefix("/") ? "/" : base))
        }
        if !ledger.isEmpty {
            guard directory == nil else { throw LedgerError(.usage, "give the ledger directory as DIR or as --ledger, not both") }
            guard vkey.count == ledger.count else {
                throw LedgerError(.usage, "\(ledger.count) --ledger and \(vkey.count) --vkey: give one --vkey for each --ledger, in the same order")
            }
            guard ledger.count <= LedgerSource.countMax else {
                throw LedgerError(.usage, "\(ledger.count) ledgers given; a consolidated export takes at most \(LedgerSource.countMax)")
            }
            return .many(try zip(ledger, vkey).map {
                LedgerLocation.source($0, verifier: try TrustAnchor.verifier($1))
            })
        }
        guard let directory else { throw LedgerError(.usage, "give a ledger directory, --ledger DIR --vkey V (repeatable) or --ledgers FILE") }
        guard vkey.count == 1 else {
            throw LedgerError(.usage, vkey.isEmpty ? "--vkey is required: the trusted verifier key of the ledger" : "one ledger takes one --vkey")
        }
        return .one(directory: directory, verifier: try TrustAnchor.verifier(vkey[0]))
    }
}
