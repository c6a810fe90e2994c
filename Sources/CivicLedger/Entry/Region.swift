/// Where money goes or comes from: a 6-digit administrative division code (GB/T 2260)
/// and whether the place is urban or rural. JSON: `{"area":"urban","code":"110105"}`.
public struct Region: Equatable, Sendable {
    public enum Area: String, CaseIterable, Sendable {
        case urban, rural
    }

    public let code: String
    public let area: Area

    init(reading reader: inout some FieldReading, key: String) throws {
        var fields = try reader.object(key)
        code = try fields.string("code", check: EntrySyntax.regionCodeProblem)
        area = try fields.enumeration("area", as: Area.self)
        try fields.finish()
    }

    static func readOptional(_ reader: inout some FieldReading, key: String = "region") throws -> Region? {
        guard reader.has(key) else { return nil }
        return try Region(reading: &reader, key: key)
    }

    var json: JSONValue {
        .object(["code": .string(code), "area": .string(area.rawValue)])
    }
}
