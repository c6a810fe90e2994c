import CivicAudit
import CivicLedger

/// `civic export ratios` over several ledgers: each ledger's ratios (RatiosExport, the
/// audit's own code, each verified and bound to its own newest checkpoint, each against the
/// thresholds of its own organisation type), and the breaches across them: every year whose
/// spending or administrative-cost test failed. Figures are never added across ledgers.
public struct ConsolidatedRatios: Sendable {
    /// In the order of their origins (UTF-8 bytes).
    public let ledgers: [RatiosExport]

    /// One failed test of one ledger's year.
    public struct Breach: Sendable, Equatable {
        public let origin: String
        public let year: Int
        /// `spending` or `admin`.
        public let test: String
    }

    /// `progress` is told how many entries have been read, over every ledger so far.
    public init(sources: [LedgerSource], ruleSet: RuleSet, year: Int?, progress: ((UInt64) -> Void)? = nil) throws {
        var before: UInt64 = 0
        ledgers = try LedgerSource.each(sources) { reader, source in
            defer { before += reader.size }
            return try RatiosExport(reader: reader, verifiers: [source.verifier], ruleSet: ruleSet, year: year,
                                    progress: progress.map { report in { [before] in report(before + $0) } })
        }.sorted { $0.checkpoint.checkpoint.origin.utf8.lexicographicallyPrecedes($1.checkpoint.checkpoint.origin.utf8) }
    }

    /// Every failed test, by origin, year, then test.
    public var breaches: [Breach] {
        ledgers.flatMap { export in
            export.years.flatMap { ratio -> [Breach] in
                let origin = export.checkpoint.checkpoint.origin
                return (ratio.spending == .fail ? [Breach(origin: origin, year: ratio.year, test: "spending")] : [])
                    + (ratio.admin == .fail ? [Breach(origin: origin, year: ratio.year, test: "admin")] : [])
            }
        }
    }

    /// `{"ledgers": [<one ledger's ratios document>…], "breaches": [{"org", "year", "test"}…]}`.
    public var json: JSONValue {
        .object([
            "ledgers": .array(ledgers.map(\.json)),
            "breaches": .array(breaches.map { breach in
                .object(["org": .string(breach.origin), "year": .integer(Int64(breach.year)), "test": .string(breach.test)])
            }),
        ])
    }

    /// The canonical JSON document and a newline.
    public var jsonText: String {
        String(decoding: CanonicalJSON.encode(json), as: UTF8.self) + "\n"
    }

    /// RFC 4180 CSV: one ledger's columns with `org` (the origin) first, one record per
    /// ledger and year, each bound to its own ledger's checkpoint.
    public var csvText: String {
        var writer = CSVWriter(header: ["org"] + RatiosExport.columns + ["rule_set"] + SummaryExport.checkpointColumns)
        for export in ledgers {
            let bound = SummaryExport.checkpointFields(export.checkpoint)
            for ratio in export.years {
                writer.append([export.checkpoint.checkpoint.origin] + RatiosExport.csvFields(ratio) + [export.ruleSet] + bound)
            }
        }
        return writer.text
    }
}
