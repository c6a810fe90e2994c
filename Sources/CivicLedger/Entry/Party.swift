/// A pseudonymous party: a reference into the private side store and what kind of
/// party it is. JSON: `{"ref":"P-0001","type":"individual"}`.
public struct Party: Equatable, Sendable {
    public enum PartyType: String, CaseIterable, Sendable {
        case individual, enterprise, organization
    }

    public let ref: String
    public let type: PartyType

    init(reading reader: inout some FieldReading) throws {
        ref = try reader.string("ref")
        type = try reader.enumeration("type", as: PartyType.self)
    }

    var json: JSONValue {
        .object(["ref": .string(ref), "type": .string(type.rawValue)])
    }
}
