import ArgumentParser
import CivicAudit
import CivicLedger

struct AddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Record one entry, checked by the rules; prints its seq and the new checkpoint.",
        discussion: """
        Amounts are decimal strings in the currency's units (500.00 CNY); more decimals than the \
        currency has is an error. The date defaults to today. Give --id to make a retry safe: an \
        entry re-sent with the same id and content is not recorded twice.
        """,
        subcommands: [AddFund.self, AddDonation.self, AddContribution.self, AddDisbursement.self,
                      AddTransfer.self, AddReversal.self])
}

/// Options every `civic add KIND` shares.
struct AddOptions: ParsableArguments {
    @OptionGroup var writer: WriterOptions

    @Option(help: "Entry id (1-128 of A-Z a-z 0-9 . _ : -); default: KIND-DATE-random.")
    var id: String?

    @Option(help: "Value date, YYYY-MM-DD; default: today (UTC).")
    var date: String?

    @Option(help: "A note (at most 500 characters; no personal data).")
    var memo: String?

    @OptionGroup var ruleOptions: RuleOptions

    /// `--date` read strictly, or today (UTC); the writable range is checked with the entry.
    func valueDate() throws -> CivilDate {
        guard let date else { return CivilDate.today() }
        guard let parsed = CivilDate(date) else {
            throw LedgerError(.usage, "--date \(CivilDate.problem(date) ?? "is not a date YYYY-MM-DD")")
        }
        return parsed
    }

    /// The writer fields every kind has.
    func commonFields(kind: String, defaultID: String? = nil) throws -> [String: JSONValue] {
        let date = try valueDate()
        let entryID = try id ?? defaultID ?? "\(kind)-\(date)-\(Hex.encode(try SecureRandom.bytes(4)))"
        var fields: [String: JSONValue] = ["kind": .string(kind), "id": .string(entryID), "date": .string(date.text)]
        if let memo { fields["memo"] = .string(memo) }
        return fields
    }

    /// Validates and appends one entry built by `build` from an open session (which knows
    /// the ledger's currency and the rules' book), then prints what happened.
    func record(kind: String, defaultID: String? = nil,
                build: (any RecordingSession, inout [String: JSONValue]) throws -> Void) throws {
        if LedgerLocation.isDatabase(writer.directory) { return try recordInDatabase(kind: kind, defaultID: defaultID, build: build) }
        let signer = try KeyFile.load(writer.key)
        var session = try WriteSession(directory: writer.directory, signer: signer, ruleSet: try ruleOptions.load())
        var fields = try commonFields(kind: kind, defaultID: defaultID)
        try build(session, &fields)
        let body = try EntryBody(writerJSON: .object(fields))
        let result = try session.append([body])
        if result.appendedCount == 0 {
            Terminal.line("\(kind) \(body.id) was already recorded at seq \(result.seqs[0]) with the same content; nothing written")
        } else {
            Terminal.line("recorded \(kind) \(body.id) at seq \(result.seqs[0])")
        }
        Terminal.line(result.note.serialized.trimmingTrailingNewlines())
        try result.checkDerivedFiles()
    }
}

/// Money and region options, shared by the kinds that move money.
struct MoneyOptions: ParsableArguments {
    @Option(help: "Amount as a decimal string, e.g. 500.00.")
    var amount: String

    @Option(help: "ISO 4217 currency; default: the ledger's currency.")
    var currency: String?

    func money(_ session: any RecordingSession) throws -> JSONValue {
        try other(amount, session).json
    }

    /// Another amount of the same entry (a valuation, a wage base), in the same currency.
    func other(_ text: String, _ session: any RecordingSession) throws -> Money {
        let code = try currency ?? session.ledgerCurrency()
        return try Money.parseDecimal(text, currency: try Currency.named(code))
    }
}

struct RegionOptions: ParsableArguments {
    @Option(help: "Region: a 6-digit administrative division code (GB/T 2260).")
    var region: String?

    @Option(help: "urban or rural (with --region).")
    var area: String?

    func add(to fields: inout [String: JSONValue]) throws {
        guard region != nil || area != nil else { return }
        guard let region, let area else { throw ValidationError("--region and --area go together") }
        fields["region"] = .object(["code": .string(region), "area": .string(area)])
    }
}
