import ArgumentParser
import CivicAudit
import CivicLedger

struct AddFund: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fund", abstract: "Open a fund.")
    @OptionGroup var options: AddOptions
    @Option(help: "Fund code, used by later entries.") var code: String
    @Option(help: "Fund name.") var name: String
    @Option(help: "unrestricted, restricted or endowment.") var restriction: String
    @Option(help: "The programme category a restricted fund serves.") var purpose: String?
    @Option(help: "Reference of the filing that set up the fund.") var filing: String?

    func run() throws {
        // A fund is opened once, so its code makes a natural id: a retry is then harmless.
        try options.record(kind: "fund", defaultID: "fund-" + code) { _, fields in
            var fund: [String: JSONValue] = ["code": .string(code), "name": .string(name), "restriction": .string(restriction)]
            if let purpose { fund["purpose"] = .string(purpose) }
            if let filing { fund["filing"] = .string(filing) }
            fields["fund"] = .object(fund)
        }
    }
}

struct AddDonation: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "donation", abstract: "Record a donation.")
    @OptionGroup var options: AddOptions
    @OptionGroup var money: MoneyOptions
    @OptionGroup var place: RegionOptions
    @Option(help: "The fund receiving it.") var fund: String
    @Option(help: "Programme category.") var category: String
    @Option(help: "cash, transfer, online or in-kind.") var form: String = "transfer"
    @Option(name: .customLong("donor-ref"), help: "The donor's pseudonymous reference.") var donorRef: String?
    @Option(name: .customLong("donor-type"), help: "individual, enterprise or organization.") var donorType: String = "individual"
    @Flag(help: "The donation is anonymous (then --receipt declined).") var anonymous = false
    @Option(help: "auto (the next number of the series), declined, or a number.") var receipt: String = "auto"
    @Option(name: .customLong("receipt-series"), help: "Receipt series; default R and the year of the date.") var receiptSeries: String?
    @Option(help: "Hex SHA-256 commitment to the donor's private record, or auto to take it from the private donor store.")
    var commitment: String?
    @Option(name: .customLong("in-kind-description"), help: "What was given (form in-kind).") var inKindDescription: String?
    @Option(name: .customLong("in-kind-valuation"), help: "Its valuation basis as an amount (form in-kind).") var inKindValuation: String?

    func run() throws {
        try options.record(kind: "donation") { session, fields in
            fields["fund"] = .string(fund)
            fields["amount"] = try money.money(session)
            fields["category"] = .string(category)
            fields["form"] = .string(form)
            fields["donor"] = try donor()
            fields["receipt"] = try receiptField(session)
            if let commitment = try commitmentValue() { fields["commitment"] = .string(commitment) }
            if let inKindDescription, let inKindValuation {
                let valuation = try money.other(inKindValuation, session).json
                fields["in_kind"] = .object(["description": .string(inKindDescription), "valuation": valuation])
            }
            try place.add(to: &fields)
        }
    }

    private func donor() throws -> JSONValue {
        if anonymous { return .object(["anonymous": .bool(true)]) }
        guard let donorRef else { throw ValidationError("give --donor-ref REF, or --anonymous") }
        return .object(["ref": .string(donorRef), "type": .string(donorType)])
    }

    private func receiptField(_ session: any RecordingSession) throws -> JSONValue {
        if receipt == "declined" { return .object(["declined": .bool(true)]) }
        let series = try receiptSeries ?? "R" + String(options.valueDate().year)
        let number: Int64
        if receipt == "auto" {
            number = try retriedNumber(session, series: series) ?? (session.book.receipts[series]?.highest ?? 0) + 1
        } else {
            guard let given = Int64(receipt), given > 0 else { throw ValidationError("--receipt takes auto, declined or a positive number") }
            number = given
        }
        return .object(["series": .string(series), "number": .integer(number)])
    }

    /// A retry of a donation already recorded under this id keeps the number it was given,
    /// so `--receipt auto` stays idempotent.
    private func retriedNumber(_ session: any RecordingSession, series: String) throws -> Int64? {
        guard let id = options.id, case .donation(let earlier)? = try session.recordedEntry(id: id)?.body.payload,
              case .issued(let earlierSeries, let number) = earlier.receipt, earlierSeries == series else { return nil }
        return number
    }

    private func commitmentValue() throws -> String? {
        guard commitment == "auto" else { return commitment }
        guard let donorRef else { throw ValidationError("--commitment auto needs --donor-ref") }
        return try DonorStore(directory: options.writer.directory).record(ref: donorRef).commitment
    }
}

struct AddContribution: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "contribution", abstract: "Record a third-tier market contribution.")
    @OptionGroup var options: AddOptions
    @OptionGroup var money: MoneyOptions
    @OptionGroup var place: RegionOptions
    @Option(name: .customLong("contributor-ref"), help: "The contributor's pseudonymous reference.") var contributorRef: String
    @Option(name: .customLong("contributor-type"), help: "individual, enterprise or organization.") var contributorType: String = "individual"
    @Option(help: "The participant's reference (individual pension: whose account).") var participant: String?
    @Option(help: "individual-pension, enterprise-annuity, occupational-annuity, commercial-health, long-term-care, charitable-trust or csr-programme.")
    var scheme: String
    @Option(help: "Pillar: 1, 2 or 3.") var tier: Int64 = 3
    @Option(help: "market or charity.") var mechanism: String = "market"
    @Option(help: "Programme category.") var category: String = "pension"
    @Option(help: "Fund receiving it, if any.") var fund: String?
    @Option(name: .customLong("employer-part"), help: "Employer's part of the amount (with --employee-part).") var employerPart: String?
    @Option(name: .customLong("employee-part"), help: "Employee's part of the amount.") var employeePart: String?
    @Option(name: .customLong("wage-base"), help: "The wage base the split is a share of.") var wageBase: String?

    func run() throws {
        try options.record(kind: "contribution") { session, fields in
            fields["contributor"] = .object(["ref": .string(contributorRef), "type": .string(contributorType)])
            if let participant { fields["participant"] = .object(["ref": .string(participant)]) }
            fields["scheme"] = .string(scheme)
            fields["tier"] = .integer(tier)
            fields["mechanism"] = .string(mechanism)
            fields["amount"] = try money.money(session)
            fields["category"] = .string(category)
            if let fund { fields["fund"] = .string(fund) }
            if let employerPart, let employeePart {
                fields["split"] = .object(["employer": .integer(try money.other(employerPart, session).value),
                                           "employee": .integer(try money.other(employeePart, session).value)])
            }
            if let wageBase { fields["wage_base"] = try money.other(wageBase, session).json }
            try place.add(to: &fields)
        }
    }
}

struct AddDisbursement: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "disbursement", abstract: "Record money paid out of a fund.")
    @OptionGroup var options: AddOptions
    @OptionGroup var money: MoneyOptions
    @OptionGroup var place: RegionOptions
    @Option(help: "The fund paying.") var fund: String
    @Option(help: "Programme category.") var category: String
    @Option(help: "charitable, administrative or fundraising.") var expense: String = "charitable"
    @Option(name: .customLong("beneficiary-ref"), help: "A beneficiary's pseudonymous reference.") var beneficiaryRef: String?
    @Option(name: .customLong("beneficiary-group"), help: "A description of the beneficiary group.") var beneficiaryGroup: String?
    @Option(help: "Project name or code.") var project: String?

    func run() throws {
        try options.record(kind: "disbursement") { session, fields in
            fields["fund"] = .string(fund)
            fields["amount"] = try money.money(session)
            fields["category"] = .string(category)
            fields["expense"] = .string(expense)
            switch (beneficiaryRef, beneficiaryGroup) {
            case (let ref?, nil): fields["beneficiary"] = .object(["ref": .string(ref)])
            case (nil, let group?): fields["beneficiary"] = .object(["group": .string(group)])
            default: throw ValidationError("give one of --beneficiary-ref and --beneficiary-group")
            }
            if let project { fields["project"] = .string(project) }
            try place.add(to: &fields)
        }
    }
}

struct AddTransfer: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "transfer", abstract: "Move money between funds.")
    @OptionGroup var options: AddOptions
    @OptionGroup var money: MoneyOptions
    @Option(help: "Fund code the money leaves.") var from: String
    @Option(help: "Fund code the money enters.") var to: String
    @Option(help: "donor-consent, filing or board.") var authority: String
    @Option(name: .customLong("authority-ref"), help: "Reference of the consent, filing or board resolution.") var authorityRef: String

    func run() throws {
        try options.record(kind: "transfer") { session, fields in
            fields["from"] = .string(from)
            fields["to"] = .string(to)
            fields["amount"] = try money.money(session)
            fields["authority"] = .object(["type": .string(authority), "ref": .string(authorityRef)])
        }
    }
}

struct AddReversal: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reversal", abstract: "Cancel an earlier entry (the log keeps both).")
    @OptionGroup var options: AddOptions
    @Option(help: "The seq of the entry to cancel.") var target: UInt64
    @Option(help: "Why it is cancelled.") var reason: String

    func run() throws {
        try options.record(kind: "reversal") { _, fields in
            fields["target"] = .integer(Int64(target))
            fields["reason"] = .string(reason)
        }
    }
}
