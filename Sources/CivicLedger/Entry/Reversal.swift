extension Payload {
    /// Cancels the entry at `target` (a seq), for the stated reason.
    public struct Reversal: Equatable, Sendable {
        public let target: UInt64
        public let reason: String

        init(reading reader: inout some FieldReading) throws {
            target = UInt64(try reader.integer("target", in: 0...JSONValue.integerMagnitudeMax))
            reason = try reader.string("reason")
        }

        func write(into fields: inout [String: JSONValue]) {
            fields["target"] = .integer(Int64(target))
            fields["reason"] = .string(reason)
        }
    }
}
