/// One entry that drew on a traced donation: a disbursement spending part of it, or a
/// transfer moving part of it to another fund (where the trace follows it). `amount` is the
/// part of the donation allocated to the entry, in minor units of the donation's currency,
/// not the entry's whole amount.
public enum TraceStep: Equatable, Sendable {
    case disbursement(Spending)
    case transfer(Move)

    public struct Spending: Equatable, Sendable {
        public let seq: UInt64
        public let date: CivilDate
        public let fund: String
        public let category: ProgrammeCategory
        public let expense: Payload.Disbursement.Expense
        public let region: Region?
        public let amount: Int64
        /// False when the fund is restricted and the category is not its purpose (STD-RESTRICT).
        public let onPurpose: Bool

        public init(seq: UInt64, date: CivilDate, fund: String, category: ProgrammeCategory,
                    expense: Payload.Disbursement.Expense, region: Region?, amount: Int64, onPurpose: Bool) {
            self.seq = seq
            self.date = date
            self.fund = fund
            self.category = category
            self.expense = expense
            self.region = region
            self.amount = amount
            self.onPurpose = onPurpose
        }
    }

    public struct Move: Equatable, Sendable {
        public let seq: UInt64
        public let date: CivilDate
        public let from: String
        public let to: String
        public let amount: Int64

        public init(seq: UInt64, date: CivilDate, from: String, to: String, amount: Int64) {
            self.seq = seq
            self.date = date
            self.from = from
            self.to = to
            self.amount = amount
        }
    }

    public var seq: UInt64 {
        switch self {
        case .disbursement(let spending): spending.seq
        case .transfer(let move): move.seq
        }
    }

    public var amount: Int64 {
        switch self {
        case .disbursement(let spending): spending.amount
        case .transfer(let move): move.amount
        }
    }

    var json: JSONValue {
        switch self {
        case .disbursement(let spending):
            var fields: [String: JSONValue] = [
                "kind": .string("disbursement"), "seq": .integer(Int64(spending.seq)), "date": .string(spending.date.text),
                "fund": .string(spending.fund), "category": .string(spending.category.rawValue),
                "expense": .string(spending.expense.rawValue), "amount": .integer(spending.amount),
                "on_purpose": .bool(spending.onPurpose),
            ]
            if let region = spending.region { fields["region"] = region.json }
            return .object(fields)
        case .transfer(let move):
            return .object([
                "kind": .string("transfer"), "seq": .integer(Int64(move.seq)), "date": .string(move.date.text),
                "from": .string(move.from), "to": .string(move.to), "amount": .integer(move.amount),
            ])
        }
    }
}
