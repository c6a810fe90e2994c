extension Payload {
    /// Money or goods given to a fund. The donor is a pseudonymous party or anonymous;
    /// the receipt is a numbered receipt or a recorded refusal of one.
    public struct Donation: Equatable, Sendable {
        public enum Donor: Equatable, Sendable {
            case party(Party)
            case anonymous
        }

        public enum Form: String, CaseIterable, Sendable {
            case cash, transfer, online
            case inKind = "in-kind"
        }

        public struct InKind: Equatable, Sendable {
            public let description: String
            public let valuation: Money
        }

        public enum Receipt: Equatable, Sendable {
            case issued(series: String, number: Int64)
            case declined
        }

        public let fund: String
        public let amount: Money
        public let donor: Donor
        /// Hex SHA-256 of the donor's salted private record, kept in the side store.
        public let commitment: String?
        public let form: Form
        public let inKind: InKind?
        public let receipt: Receipt
        public let category: ProgrammeCategory
        public let region: Region?

        init(reading reader: inout some FieldReading) throws {
            fund = try reader.fundCode("fund")
            amount = try reader.money("amount")
            donor = try Donation.readDonor(&reader)
            commitment = try reader.optionalString("commitment", check: EntrySyntax.digestHexProblem)
            form = try reader.enumeration("form", as: Form.self)
            inKind = try Donation.readInKind(&reader, form: form)
            receipt = try Donation.readReceipt(&reader)
            category = try reader.enumeration("category", as: ProgrammeCategory.self)
            region = try Region.readOptional(&reader)
        }

        private static func readDonor(_ reader: inout some FieldReading) throws -> Donor {
            var fields = try reader.object("donor")
            if fields.has("anonymous") {
                try fields.trueMarker("anonymous")
                try fields.finish()
                return .anonymous
            }
            let party = try Party(reading: &fields)
            try fields.finish()
            return .party(party)
        }

        private static func readInKind(_ reader: inout some FieldReading, form: Form) throws -> InKind? {
            guard form == .inKind else {
                if reader.has("in_kind") { throw reader.failure("in_kind", "allowed only when form is in-kind") }
                return nil
            }
            var fields = try reader.object("in_kind")
            let inKind = InKind(description: try fields.string("description"), valuation: try fields.money("valuation"))
            try fields.finish()
            return inKind
        }

        private static func readReceipt(_ reader: inout some FieldReading) throws -> Receipt {
            var fields = try reader.object("receipt")
            if fields.has("declined") {
                try fields.trueMarker("declined")
                try fields.finish()
                return .declined
            }
            let series = try fields.string("series")
            let number = try fields.integer("number", in: 1...JSONValue.integerMagnitudeMax)
            try fields.finish()
            return .issued(series: series, number: number)
        }

        func write(into fields: inout [String: JSONValue]) {
            fields["fund"] = .string(fund)
            fields["amount"] = amount.json
            switch donor {
            case .party(let party): fields["donor"] = party.json
            case .anonymous: fields["donor"] = .object(["anonymous": .bool(true)])
            }
            if let commitment { fields["commitment"] = .string(commitment) }
            fields["form"] = .string(form.rawValue)
            if let inKind {
                fields["in_kind"] = .object(["description": .string(inKind.description), "valuation": inKind.valuation.json])
            }
            switch receipt {
            case .issued(let series, let number): fields["receipt"] = .object(["series": .string(series), "number": .integer(number)])
            case .declined: fields["receipt"] = .object(["declined": .bool(true)])
            }
            fields["category"] = .string(category.rawValue)
            if let region { fields["region"] = region.json }
        }
    }
}
