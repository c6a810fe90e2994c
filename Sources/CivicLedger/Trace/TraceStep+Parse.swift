extension TraceStep {
    /// One member of a trace's `steps`, read strictly (the caller calls `finish()`).
    init(reading reader: inout FieldReader) throws {
        let kind = try reader.string("kind")
        let seq = try DonationTrace.seq(&reader, "seq")
        let date = try reader.date("date", writable: false)
        let amount = try reader.integer("amount", in: 1...Money.valueMax)
        switch kind {
        case "disbursement":
            self = .disbursement(Spending(
                seq: seq, date: date, fund: try reader.fundCode("fund"),
                category: try reader.enumeration("category", as: ProgrammeCategory.self),
                expense: try reader.enumeration("expense", as: Payload.Disbursement.Expense.self),
                region: try Region.readOptional(&reader), amount: amount, onPurpose: try reader.bool("on_purpose")))
        case "transfer":
            self = .transfer(Move(seq: seq, date: date, from: try reader.fundCode("from"), to: try reader.fundCode("to"),
                                  amount: amount))
        default:
            throw reader.failure("kind", "is not disbursement or transfer")
        }
    }
}
