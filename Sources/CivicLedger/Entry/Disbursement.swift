extension Payload {
    /// Money paid out of a fund to a beneficiary (a pseudonymous party or a described group).
    public struct Disbursement: Equatable, Sendable {
        public enum Expense: String, CaseIterable, Sendable {
            case charitable, administrative, fundraising
        }

        public enum Beneficiary: Equatable, Sendable {
            case party(ref: String)
            case group(String)
        }

        public let fund: String
        public let amount: Money
        public let category: ProgrammeCategory
        public let expense: Expense
        public let beneficiary: Beneficiary
        public let region: Region?
        public let project: String?

        init(reading reader: inout some FieldReading) throws {
            fund = try reader.fundCode("fund")
            amount = try reader.money("amount")
            category = try reader.enumeration("category", as: ProgrammeCategory.self)
            expense = try reader.enumeration("expense", as: Expense.self)
            beneficiary = try Disbursement.readBeneficiary(&reader)
            region = try Region.readOptional(&reader)
            project = try reader.optionalString("project")
        }

        private static func readBeneficiary(_ reader: inout some FieldReading) throws -> Beneficiary {
            var fields = try reader.object("beneficiary")
            let beneficiary: Beneficiary
            if fields.has("group") {
                beneficiary = .group(try fields.string("group"))
            } else {
                beneficiary = .party(ref: try fields.string("ref"))
            }
            try fields.finish()
            return beneficiary
        }

        func write(into fields: inout [String: JSONValue]) {
            fields["fund"] = .string(fund)
            fields["amount"] = amount.json
            fields["category"] = .string(category.rawValue)
            fields["expense"] = .string(expense.rawValue)
            switch beneficiary {
            case .party(let ref): fields["beneficiary"] = .object(["ref": .string(ref)])
            case .group(let text): fields["beneficiary"] = .object(["group": .string(text)])
            }
            if let region { fields["region"] = region.json }
            if let project { fields["project"] = .string(project) }
        }
    }
}
