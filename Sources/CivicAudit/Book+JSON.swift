import CivicLedger

extension Book {
    /// The book as JSON, for the writer's saved state (`state/book.json`).
    public var json: JSONValue {
        var funds: [String: JSONValue] = [:]
        for (code, fund) in self.funds {
            var fields: [String: JSONValue] = [
                "restriction": .string(fund.restriction.rawValue),
                "balances": .object(fund.balances.mapValues { .integer($0) }),
            ]
            if let purpose = fund.purpose { fields["purpose"] = .string(purpose.rawValue) }
            funds[code] = .object(fields)
        }
        let receipts = self.receipts.mapValues { numbers in
            JSONValue.array(numbers.ranges.map { .array([.integer($0.lowerBound), .integer($0.upperBound)]) })
        }
        return .object([
            "size": .integer(Int64(size)),
            "funds": .object(funds),
            "receipts": .object(receipts),
            "pension": .object(pensionTotals.mapValues { .integer($0) }),
            "reversed": .array(reversed.sorted().map { .integer(Int64($0)) }),
        ])
    }

    /// A book from saved JSON, or nil when anything in it does not fit (it is then rebuilt).
    public init?(json: JSONValue) {
        guard case .object(let top) = json, case .integer(let size)? = top["size"], size >= 0,
              case .object(let funds)? = top["funds"], case .object(let receipts)? = top["receipts"],
              case .object(let pension)? = top["pension"], case .array(let reversed)? = top["reversed"] else { return nil }
        self.init()
        self.size = UInt64(size)
        for (code, value) in funds {
            guard let fund = Book.fund(value) else { return nil }
            self.funds[code] = fund
        }
        for (series, value) in receipts {
            guard case .array(let pairs) = value else { return nil }
            var ranges: [ClosedRange<Int64>] = []
            for pair in pairs {
                guard case .array(let bounds) = pair, bounds.count == 2, case .integer(let low) = bounds[0],
                      case .integer(let high) = bounds[1], low <= high, low > (ranges.last?.upperBound ?? 0) else { return nil }
                ranges.append(low...high)
            }
            self.receipts[series] = ReceiptNumbers(ranges: ranges)
        }
        for (key, value) in pension {
            guard case .integer(let total) = value else { return nil }
            pensionTotals[key] = total
        }
        for value in reversed {
            guard case .integer(let seq) = value, seq >= 0 else { return nil }
            self.reversed.insert(UInt64(seq))
        }
    }

    private static func fund(_ value: JSONValue) -> FundState? {
        guard case .object(let fields) = value, case .string(let restrictionText)? = fields["restriction"],
              let restriction = Payload.Fund.Restriction(rawValue: restrictionText),
              case .object(let balances)? = fields["balances"] else { return nil }
        var purpose: ProgrammeCategory?
        if case .string(let text)? = fields["purpose"] {
            guard let category = ProgrammeCategory(rawValue: text) else { return nil }
            purpose = category
        }
        var amounts: [String: Int64] = [:]
        for (currency, amount) in balances {
            guard case .integer(let value) = amount else { return nil }
            amounts[currency] = value
        }
        return FundState(restriction: restriction, purpose: purpose, balances: amounts)
    }
}
