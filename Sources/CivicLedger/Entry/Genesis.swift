extension Payload {
    /// Entry 0: the organisation that keeps the ledger, the checkpoint origin, the first
    /// verifier key (whose name is the origin) and the ledger's base currency.
    public struct Genesis: Equatable, Sendable {
        public enum OrganizationType: String, CaseIterable, Sendable {
            case foundation
            case socialGroup = "social-group"
            case socialService = "social-service"
            case enterprise, insurer, other
        }

        public struct Organization: Equatable, Sendable {
            public let name: String
            /// The 18-character unified social credit code.
            public let uscc: String
            public let type: OrganizationType
            public let publicFundraising: Bool
            public let netAssets: Money?
        }

        public let org: Organization
        public let origin: String
        public let vkey: String
        public let currency: Currency

        init(reading reader: inout some FieldReading) throws {
            var fields = try reader.object("org")
            org = Organization(
                name: try fields.string("name"),
                uscc: try fields.string("uscc", check: EntrySyntax.usccProblem),
                type: try fields.enumeration("type", as: OrganizationType.self),
                publicFundraising: try fields.bool("public_fundraising"),
                netAssets: try fields.optionalMoney("net_assets"))
            try fields.finish()
            origin = try reader.string("origin", check: EntrySyntax.originProblem)
            vkey = try reader.string("vkey") { [origin] text in
                let (name, problem) = EntrySyntax.verifierKeyName(text)
                if let problem { return problem }
                return name == origin ? nil : "verifier key name \"\(name ?? "")\" differs from origin \"\(origin)\""
            }
            currency = try reader.currency("currency")
        }

        func write(into fields: inout [String: JSONValue]) {
            var organization: [String: JSONValue] = [
                "name": .string(org.name), "uscc": .string(org.uscc), "type": .string(org.type.rawValue),
                "public_fundraising": .bool(org.publicFundraising),
            ]
            if let netAssets = org.netAssets { organization["net_assets"] = netAssets.json }
            fields["org"] = .object(organization)
            fields["origin"] = .string(origin)
            fields["vkey"] = .string(vkey)
            fields["currency"] = .string(currency.code)
        }
    }
}
