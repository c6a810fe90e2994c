extension Payload {
    /// Opens a fund. A restricted fund names its purpose; an endowment may; an
    /// unrestricted fund may not. JSON: `{"fund":{"code":…,"name":…,"restriction":…}}`.
    public struct Fund: Equatable, Sendable {
        public enum Restriction: String, CaseIterable, Sendable {
            case unrestricted, restricted, endowment
        }

        public let code: String
        public let name: String
        public let restriction: Restriction
        public let purpose: ProgrammeCategory?
        /// A reference to the filing (备案) that set the fund up, if any.
        public let filing: String?

        init(reading reader: inout some FieldReading) throws {
            var fields = try reader.object("fund")
            code = try fields.fundCode("code")
            name = try fields.string("name")
            restriction = try fields.enumeration("restriction", as: Restriction.self)
            purpose = try fields.optionalEnumeration("purpose", as: ProgrammeCategory.self)
            filing = try fields.optionalString("filing")
            try fields.finish()
            if restriction == .restricted && purpose == nil {
                throw fields.failure("purpose", "required for a restricted fund")
            }
            if restriction == .unrestricted && purpose != nil {
                throw fields.failure("purpose", "not allowed for an unrestricted fund")
            }
        }

        func write(into fields: inout [String: JSONValue]) {
            var fund: [String: JSONValue] = [
                "code": .string(code), "name": .string(name), "restriction": .string(restriction.rawValue),
            ]
            if let purpose { fund["purpose"] = .string(purpose.rawValue) }
            if let filing { fund["filing"] = .string(filing) }
            fields["fund"] = .object(fund)
        }
    }
}
