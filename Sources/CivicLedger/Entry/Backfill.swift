extension Payload {
    /// Declares that the entries after it in its own batch (up to the checkpoint that ends
    /// the batch) are the backfill of books kept elsewhere until `until`: donations dated up
    /// to that day were recorded late because they were kept outside this ledger, not
    /// because their publication was delayed (DIS-CHECKPOINT, Ledger/SPEC.md, "Backfill").
    /// It covers nothing before it, so it cannot be made for entries already in the log.
    public struct Backfill: Equatable, Sendable {
        /// The last day of the books kept elsewhere.
        public let until: CivilDate

        public init(until: CivilDate) {
            self.until = until
        }

        init(reading reader: inout some FieldReading, stored: Bool) throws {
            until = try reader.date("until", writable: !stored)
        }

        func write(into fields: inout [String: JSONValue]) {
            fields["until"] = .string(until.text)
        }

        /// Why a declaration at `seq`, recorded at `time`, in a batch starting at
        /// `batchStart` cannot stand, or nil: it must open its batch (so it covers only the
        /// entries written with it) and books cannot be kept elsewhere until a later day
        /// than the one it is recorded on.
        public func problem(seq: UInt64, batchStart: UInt64, time: String) -> String? {
            guard seq == batchStart else {
                return "a backfill declaration must be the first entry of its batch: it covers only the entries "
                    + "written after it in the same batch, never entries already in the log"
            }
            if let recorded = CivilDate(dateOf: time), until > recorded {
                return "backfill.until \(until.text) is after the day it is recorded (\(recorded.text))"
            }
            return nil
        }
    }

    /// The backfill declaration, for `backfill` entries.
    public var backfill: Backfill? {
        if case .backfill(let declaration) = self { return declaration }
        return nil
    }
}

extension EntryBody {
    /// The declaration `civic import --backfill-until` writes first in a batch that starts
    /// at `batchStart`: id `backfill-UNTIL-at-SEQ` (one per batch, so a second backfill with
    /// the same date is a new declaration), value date `until`.
    public static func backfillDeclaration(until: CivilDate, batchStart: UInt64) -> EntryBody {
        EntryBody(id: "backfill-\(until.text)-at-\(batchStart)", date: until, memo: nil, payload: .backfill(Payload.Backfill(until: until)))
    }
}
