/// "Where did my money go": the ledger's statement of how one donation was drawn on under
/// the allocation rule of `Ledger/SPEC.md` (first in, first out per fund and currency), at
/// one signed checkpoint. Anyone holding the entries up to that checkpoint can re-derive it
/// byte for byte (`civic trace`); on its own it proves nothing about the entries it names.
/// The same value is written by the allocation engine (CivicExport `TraceExport`) and read
/// back from a receipt (`parse`), so the format has one home.
public struct DonationTrace: Equatable, Sendable {
    /// The format and allocation rule: version 1 is FIFO per fund and currency.
    public static let format = "civicledger.trace/v1"
    /// Steps a trace holds at most: a donation drawn on by more entries is an error, never
    /// a trace cut short without saying so.
    public static let stepCountMax = 100_000

    /// The traced donation, as its entry says.
    public struct Donation: Equatable, Sendable {
        public let seq: UInt64
        public let id: String
        public let date: CivilDate
        public let fund: String
        public let amount: Money

        public init(seq: UInt64, id: String, date: CivilDate, fund: String, amount: Money) {
            self.seq = seq
            self.id = id
            self.date = date
            self.fund = fund
            self.amount = amount
        }
    }

    /// The entry that reversed the donation at the checkpoint: then nothing is drawn on it.
    public struct Reversal: Equatable, Sendable {
        public let seq: UInt64
        public let date: CivilDate

        public init(seq: UInt64, date: CivilDate) {
            self.seq = seq
            self.date = date
        }
    }

    /// What remains of the donation in one fund at the checkpoint, in minor units.
    public struct Remainder: Equatable, Sendable {
        public let fund: String
        public let amount: Int64

        public init(fund: String, amount: Int64) {
            self.fund = fund
            self.amount = amount
        }
    }

    public let checkpoint: Checkpoint
    /// The checkpoint's signed note, verbatim (with any cosignatures).
    public let note: SignedNote
    public let donation: Donation
    public let reversal: Reversal?
    /// In log order; every amount is in minor units of the donation's currency.
    public let steps: [TraceStep]
    /// Funds still holding part of the donation, by fund code (UTF-8 byte order).
    public let unspent: [Remainder]

    public init(checkpoint: Checkpoint, note: SignedNote, donation: Donation, reversal: Reversal?,
                steps: [TraceStep], unspent: [Remainder]) {
        self.checkpoint = checkpoint
        self.note = note
        self.donation = donation
        self.reversal = reversal
        self.steps = steps
        self.unspent = unspent
    }

    /// The sum of the disbursement steps (the one overflow policy, `Money.sum`).
    public func spent() throws -> Int64 {
        try steps.reduce(0) { total, step in
            guard case .disbursement(let spending) = step else { return total }
            return try Money.sum(total, spending.amount)
        }
    }

    /// What is left of a donation, fund by fund, as `unspent` lists it: the funds holding
    /// more than zero, by fund code in UTF-8 byte order.
    public static func remainders(_ holdings: [String: Int64]) -> [Remainder] {
        holdings.filter { $0.value > 0 }.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            .map { Remainder(fund: $0.key, amount: $0.value) }
    }

    /// The sum of `unspent`.
    public func unspentTotal() throws -> Int64 {
        try unspent.reduce(0) { try Money.sum($0, $1.amount) }
    }

    /// `{"checkpoint", "donation", "format", ["reversed"], "spent", "steps", "unspent"}`.
    public func json() throws -> JSONValue {
        var fields: [String: JSONValue] = [
            "format": .string(DonationTrace.format),
            "checkpoint": checkpoint.exportJSON(note: note),
            "donation": .object([
                "seq": .integer(Int64(donation.seq)), "id": .string(donation.id), "date": .string(donation.date.text),
                "fund": .string(donation.fund), "amount": donation.amount.json,
            ]),
            "spent": .integer(try spent()),
            "steps": .array(steps.map(\.json)),
            "unspent": .array(unspent.map { .object(["fund": .string($0.fund), "amount": .integer($0.amount)]) }),
        ]
        if let reversal {
            fields["reversed"] = .object(["seq": .integer(Int64(reversal.seq)), "date": .string(reversal.date.text)])
        }
        return .object(fields)
    }

    /// The canonical JSON bytes (RFC 8785), without a newline.
    public func canonicalBytes() throws -> [UInt8] {
        CanonicalJSON.encode(try json())
    }
}
