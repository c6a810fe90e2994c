extension Payload {
    /// Money moved between two funds, with the consent, filing or board decision that allows it.
    public struct Transfer: Equatable, Sendable {
        public struct Authority: Equatable, Sendable {
            public enum AuthorityType: String, CaseIterable, Sendable {
                case donorConsent = "donor-consent"
                case filing, board
            }

            public let type: AuthorityType
            public let ref: String
        }

        public let from: String
        public let to: String
        public let amount: Money
        public let authority: Authority

        init(reading reader: inout some FieldReading) throws {
            from = try reader.fundCode("from")
            to = try reader.fundCode("to")
            amount = try reader.money("amount")
            var fields = try reader.object("authority")
            authority = Authority(type: try fields.enumeration("type", as: Authority.AuthorityType.self), ref: try fields.string("ref"))
            try fields.finish()
        }

        func write(into fields: inout [String: JSONValue]) {
            fields["from"] = .string(from)
            fields["to"] = .string(to)
            fields["amount"] = amount.json
            fields["authority"] = .object(["type": .string(authority.type.rawValue), "ref": .string(authority.ref)])
        }
    }
}
