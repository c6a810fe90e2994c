extension Payload {
    /// A third-tier market contribution: who paid, into which scheme, through which
    /// mechanism, and optionally the employer/employee split and the wage base.
    public struct Contribution: Equatable, Sendable {
        public enum Scheme: String, CaseIterable, Sendable {
            case individualPension = "individual-pension"
            case enterpriseAnnuity = "enterprise-annuity"
            case occupationalAnnuity = "occupational-annuity"
            case commercialHealth = "commercial-health"
            case longTermCare = "long-term-care"
            case charitableTrust = "charitable-trust"
            case csrProgramme = "csr-programme"
        }

        public enum Tier: Int64, CaseIterable, Sendable {
            case one = 1, two = 2, three = 3
        }

        public enum Mechanism: String, CaseIterable, Sendable {
            case market, charity
        }

        /// Integer minor units in the amount's currency.
        public struct Split: Equatable, Sendable {
            public let employer: Int64
            public let employee: Int64
        }

        public let contributor: Party
        /// A pseudonymous reference to the person the contribution is for.
        public let participant: String?
        public let scheme: Scheme
        public let tier: Tier
        public let mechanism: Mechanism
        public let amount: Money
        public let split: Split?
        public let wageBase: Money?
        public let category: ProgrammeCategory
        public let fund: String?
        public let region: Region?

        init(reading reader: inout some FieldReading) throws {
            var contributorFields = try reader.object("contributor")
            contributor = try Party(reading: &contributorFields)
            try contributorFields.finish()
            participant = try Contribution.readParticipant(&reader)
            scheme = try reader.enumeration("scheme", as: Scheme.self)
            tier = Tier(rawValue: try reader.integer("tier", in: 1...3))!
            mechanism = try reader.enumeration("mechanism", as: Mechanism.self)
            amount = try reader.money("amount")
            split = try Contribution.readSplit(&reader)
            wageBase = try reader.optionalMoney("wage_base")
            category = try reader.enumeration("category", as: ProgrammeCategory.self)
            fund = reader.has("fund") ? try reader.fundCode("fund") : nil
            region = try Region.readOptional(&reader)
        }

        private static func readParticipant(_ reader: inout some FieldReading) throws -> String? {
            guard reader.has("participant") else { return nil }
            var fields = try reader.object("participant")
            let ref = try fields.string("ref")
            try fields.finish()
            return ref
        }

        private static func readSplit(_ reader: inout some FieldReading) throws -> Split? {
            guard reader.has("split") else { return nil }
            var fields = try reader.object("split")
            let split = Split(
                employer: try fields.integer("employer", in: 0...Money.valueMax),
                employee: try fields.integer("employee", in: 0...Money.valueMax))
            try fields.finish()
            return split
        }

        func write(into fields: inout [String: JSONValue]) {
            fields["contributor"] = contributor.json
            if let participant { fields["participant"] = .object(["ref": .string(participant)]) }
            fields["scheme"] = .string(scheme.rawValue)
            fields["tier"] = .integer(tier.rawValue)
            fields["mechanism"] = .string(mechanism.rawValue)
            fields["amount"] = amount.json
            if let split { fields["split"] = .object(["employer": .integer(split.employer), "employee": .integer(split.employee)]) }
            if let wageBase { fields["wage_base"] = wageBase.json }
            fields["category"] = .string(category.rawValue)
            if let fund { fields["fund"] = .string(fund) }
            if let region { fields["region"] = region.json }
        }
    }
}
