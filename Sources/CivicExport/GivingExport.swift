import CivicLedger

/// A 360Giving Data Standard package (1.4) of one year's charitable disbursements.
public struct GivingPackage: Sendable {
    /// The verified checkpoint the package was computed at (named in its description).
    public let checkpoint: ExportCheckpoint
    public let grantCount: Int
    /// The package: UTF-8 JSON text, member names sorted, ending with a newline.
    public let text: String
}

/// `civic export 360giving`: every disbursement with value date in `year` and expense
/// `charitable`, not reversed, as one grant. The ledger is verified in full first.
///
/// Privacy: a grant names no beneficiary. Every recipient is a `recipientIndividual` with
/// the generic name "Individual recipient" (or "Group of individual recipients" for a
/// `{group}` beneficiary, whose free text is never exported) and an opaque id, the first
/// 16 bytes of SHA-256("CivicLedger 360Giving recipient v1\n" ‖ origin ‖ "\n" ‖ entry id)
/// in hex: unique per grant, unlinkable across grants, never derived from the beneficiary
/// ref. Donations are not read at all.
public enum GivingExport {
    public static let schemaVersion = "1.4"
    static let recipientContext = "CivicLedger 360Giving recipient v1\n"

    /// `progress` is told how many entries have been verified so far.
    public static func package(directory: String, verifiers: [NoteVerifier], year: Int,
                               progress: ((UInt64) -> Void)? = nil) throws -> GivingPackage {
        try package(log: try LedgerReader(directory: directory), verifiers: verifiers, year: year, progress: progress)
    }

    /// The package of a ledger in either engine.
    public static func package(log reader: any VerifiableLog, verifiers: [NoteVerifier], year: Int,
                               progress: ((UInt64) -> Void)? = nil) throws -> GivingPackage {
        guard ReportLabels.years.contains(year) else {
            throw LedgerError(.usage, "--year \(year) is not a calendar year \(ReportLabels.years.lowerBound)-\(ReportLabels.years.upperBound)")
        }
        let location = reader.location
        var genesis: Payload.Genesis?
        var candidates: [(seq: UInt64, date: String, id: String, disbursement: Payload.Disbursement)] = []
        var reversals: [UInt64: UInt64] = [:]
        let verification = try reader.verify(verifiers: verifiers, heldCheckpoint: nil) { entry in
            progress?(entry.seq + 1)
            switch entry.body.payload {
            case .genesis(let payload):
                if genesis == nil { genesis = payload }
            case .disbursement(let disbursement):
                if disbursement.expense == .charitable, entry.body.date.year == year {
                    candidates.append((entry.seq, entry.body.date.text, entry.body.id, disbursement))
                }
            case .reversal(let reversal):
                reversals[entry.seq] = reversal.target
            default:
                break
            }
        }
        let reversed = ReversalNetting.cancelledSeqs(reversals)
        let bound = try ExportCheckpoint(reader: reader, verifiers: verifiers)
        guard bound.checkpoint.size == verification.size, bound.checkpoint.root == verification.root else {
            throw LedgerError(.corrupt, "\(location): the ledger changed while it was exported; run the export again")
        }
        guard let genesis else { throw LedgerError(.corrupt, "\(location): entry 0 is not a genesis") }
        let grants = candidates.filter { !reversed.contains($0.seq) }
            .sorted { ($0.date, $0.seq) < ($1.date, $1.seq) }
        guard !grants.isEmpty else {
            throw LedgerError(.usage, "\(location) records no charitable disbursement in \(year): a 360Giving package needs at least one grant")
        }

        let orgID = ReportLabels.organisationID(uscc: genesis.org.uscc)
        let funder = GivingJSON.object(["id": .string(orgID), "name": .string(genesis.org.name)])
        let origin = bound.checkpoint.origin
        let items: [GivingJSON] = grants.map { grant in
            let disbursement = grant.disbursement
            let label = ReportLabels.category(disbursement.category)
            var fields: [String: GivingJSON] = [
                "id": .string("360G-\(orgID)-\(grant.id)"),
                "title": .string(disbursement.project.map { "\(label): \($0)" } ?? "\(label) grant"),
                "description": .string(description(disbursement, label: label, seq: grant.seq)),
                "currency": .string(disbursement.amount.currency.code),
                "amountAwarded": .number(disbursement.amount.decimalString),
                "awardDate": .string(grant.date),
                "fundingOrganization": .array([funder]),
                "recipientIndividual": .object([
                    "id": .string("360G-\(orgID)-IND-\(recipientToken(origin: origin, entryID: grant.id))"),
                    "name": .string(recipientName(disbursement.beneficiary)),
                ]),
                "classifications": .array([.object([
                    "vocabulary": .string("CivicLedger programme category"),
                    "code": .string(disbursement.category.rawValue), "title": .string(label),
                ])]),
            ]
            if let region = disbursement.region {
                fields["beneficiaryLocation"] = .array([.object([
                    "name": .string("Administrative division \(region.code) (\(region.area.rawValue))"),
                    "countryCode": .string("CN"), "geoCode": .string(region.code),
                ])])
            }
            return .object(fields)
        }
        let checkpoint = bound.checkpoint
        let packageDescription = """
        Charitable disbursements of \(genesis.org.name) with value dates in \(year), from the signed ledger \
        \(origin). Computed at its checkpoint of size \(checkpoint.size), root \(checkpoint.root.base64) \
        (verify with: civic verify LEDGER --vkey VKEY; check the ledger later extends it with civic \
        consistency and civic verify-consistency). Recipients are anonymised. Signed checkpoint:
        \(bound.note.serialized)
        """
        let document = GivingJSON.object([
            "version": .string(schemaVersion),
            "title": .string("\(genesis.org.name): charitable grants \(year)"),
            "description": .string(packageDescription),
            "identifier": .string("360G-\(orgID)-\(year)-\(checkpoint.size)"),
            "issued": .string(try issuedDate(reader: reader, size: checkpoint.size, year: year)),
            "publisher": .object(["identifier": .string(orgID), "name": .string(genesis.org.name)]),
            "grants": .array(items),
        ])
        return GivingPackage(checkpoint: bound, grantCount: items.count, text: document.text)
    }

    private static func description(_ disbursement: Payload.Disbursement, label: String, seq: UInt64) -> String {
        var text = "Charitable disbursement for \(label.lowercased()) (category \(disbursement.category.rawValue)) from fund \(disbursement.fund)"
        if let project = disbursement.project { text += ", project \(project)" }
        return text + "; ledger entry seq \(seq)."
    }

    private static func recipientName(_ beneficiary: Payload.Disbursement.Beneficiary) -> String {
        switch beneficiary {
        case .party: "Individual recipient"
        case .group: "Group of individual recipients"
        }
    }

    /// The opaque recipient id: 32 hex digits, from the origin and the entry id only.
    static func recipientToken(origin: String, entryID: String) -> String {
        let digest = SHA256.hash(Array((recipientContext + origin + "\n" + entryID).utf8))
        return Hex.encode(Array(digest.bytes.prefix(16)))
    }

    /// The package's issue date: the day the last covered entry was recorded (never "now").
    private static func issuedDate(reader: any CheckpointedLog, size: UInt64, year: Int) throws -> String {
        guard size > 0, let last = try reader.entry(seq: size - 1), CivilDate(dateOf: last.time) != nil else {
            return "\(year)-12-31"
        }
        return String(last.time.prefix(10))
    }
}
