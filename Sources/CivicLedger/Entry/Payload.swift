/// The kind-specific fields of an entry; each case's struct reads and writes them.
public enum Payload: Equatable, Sendable {
    case genesis(Genesis)
    case fund(Fund)
    case donation(Donation)
    case contribution(Contribution)
    case disbursement(Disbursement)
    case transfer(Transfer)
    case reversal(Reversal)
    case key(KeyRotation)
    case backfill(Backfill)

    public var kind: EntryKind {
        switch self {
        case .genesis: return .genesis
        case .fund: return .fund
        case .donation: return .donation
        case .contribution: return .contribution
        case .disbursement: return .disbursement
        case .transfer: return .transfer
        case .reversal: return .reversal
        case .key: return .key
        case .backfill: return .backfill
        }
    }

    /// The genesis details (organisation, origin, first verifier key), for entry 0.
    public var genesis: Genesis? {
        if case .genesis(let details) = self { return details }
        return nil
    }

    /// The key rotation, for `key` entries.
    public var keyRotation: KeyRotation? {
        if case .key(let rotation) = self { return rotation }
        return nil
    }

    /// The moving amount of a donation, contribution, disbursement or transfer.
    public var amount: Money? {
        switch self {
        case .donation(let details): return details.amount
        case .contribution(let details): return details.amount
        case .disbursement(let details): return details.amount
        case .transfer(let details): return details.amount
        case .genesis, .fund, .reversal, .key, .backfill: return nil
        }
    }

    /// Reads the fields of `kind`; `stored` admits the ledger-added `sig` of `key` entries.
    static func read(kind: EntryKind, from reader: inout some FieldReading, stored: Bool) throws -> Payload {
        switch kind {
        case .genesis: return .genesis(try Genesis(reading: &reader))
        case .fund: return .fund(try Fund(reading: &reader))
        case .donation: return .donation(try Donation(reading: &reader))
        case .contribution: return .contribution(try Contribution(reading: &reader))
        case .disbursement: return .disbursement(try Disbursement(reading: &reader))
        case .transfer: return .transfer(try Transfer(reading: &reader))
        case .reversal: return .reversal(try Reversal(reading: &reader))
        case .key: return .key(try KeyRotation(reading: &reader, stored: stored))
        case .backfill: return .backfill(try Backfill(reading: &reader, stored: stored))
        }
    }

    func write(into fields: inout [String: JSONValue], includingSignature: Bool) {
        switch self {
        case .genesis(let details): details.write(into: &fields)
        case .fund(let details): details.write(into: &fields)
        case .donation(let details): details.write(into: &fields)
        case .contribution(let details): details.write(into: &fields)
        case .disbursement(let details): details.write(into: &fields)
        case .transfer(let details): details.write(into: &fields)
        case .reversal(let details): details.write(into: &fields)
        case .key(let details): details.write(into: &fields, includingSignature: includingSignature)
        case .backfill(let details): details.write(into: &fields)
        }
    }
}
