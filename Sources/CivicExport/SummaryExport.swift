import CivicLedger

/// `civic export summary`: the summary table of a ledger at its verified newest checkpoint.
/// The same ledger and options give the same bytes (sorted rows, canonical JSON). No party
/// reference leaves: rows carry only the number of distinct parties.
public struct SummaryExport: Sendable {
    public let checkpoint: ExportCheckpoint
    public let by: [SummaryDimension]
    public let period: SummaryPeriod
    public let rows: [SummaryTable.Row]

    /// Reads every entry the newest checkpoint covers (checked against its signature under
    /// `verifiers` and its root) and groups the money entries in `period` by `by`.
    /// `progress` is told how many entries have been read (CheckpointEntries).
    public init(reader: any CheckpointedLog, verifiers: [NoteVerifier], by: [SummaryDimension], period: SummaryPeriod,
                progress: ((UInt64) -> Void)? = nil) throws {
        guard !by.isEmpty else { throw LedgerError(.usage, "--by: name at least one dimension") }
        let checkpoint = try ExportCheckpoint(reader: reader, verifiers: verifiers)
        var table = SummaryTable(by: by, period: period)
        let entries = CheckpointEntries(reader: reader, checkpoint: checkpoint.checkpoint, progress: progress)
        for entry in entries {
            var target: Entry?
            if case .reversal(let reversal) = entry.body.payload {
                guard reversal.target < entry.seq, let found = try reader.entry(seq: reversal.target) else {
                    throw LedgerError(.corrupt, "\(reader.location): entry \(entry.seq) reverses seq \(reversal.target), "
                        + "which cannot be read before it")
                }
                target = found
            }
            try table.observe(entry, target: target)
        }
        try entries.finish()
        self.checkpoint = checkpoint
        self.by = by
        self.period = period
        rows = table.rows
    }

    /// `{"checkpoint", "period", "by", "rows": [{<dimension>: string | null, …, "currency",
    /// "count", "total", "parties"}]}`.
    public var json: JSONValue {
        .object([
            "checkpoint": checkpoint.json, "period": period.json,
            "by": .array(by.map { .string($0.rawValue) }),
            "rows": .array(rows.map { SummaryExport.rowJSON($0, by: by) }),
        ])
    }

    /// One row: `{<dimension>: string | null, …, "currency", "count", "total", "parties"}`.
    static func rowJSON(_ row: SummaryTable.Row, by: [SummaryDimension]) -> JSONValue {
        var fields: [String: JSONValue] = [:]
        for (dimension, value) in zip(by, row.values) { fields[dimension.rawValue] = value.map(JSONValue.string) ?? .null }
        fields["currency"] = .string(row.currency.code)
        fields["count"] = .integer(row.count)
        fields["total"] = .integer(row.total)
        fields["parties"] = .integer(row.parties)
        return .object(fields)
    }

    /// The canonical JSON document and a newline.
    public var jsonText: String {
        String(decoding: CanonicalJSON.encode(json), as: UTF8.self) + "\n"
    }

    /// The CSV header: the dimensions in `by` order, `currency` (unless among them), `count`,
    /// `total`, `total_decimal`, `parties`, then the checkpoint on every row.
    public var csvHeader: [String] { SummaryExport.csvHeader(by: by) }

    static func csvHeader(by: [SummaryDimension]) -> [String] {
        by.map(\.rawValue) + (by.contains(.currency) ? [] : ["currency"])
            + ["count", "total", "total_decimal", "parties"] + SummaryExport.checkpointColumns
    }

    /// The columns that bind every CSV row to the checkpoint (the note is the signed text).
    public static let checkpointColumns = ["checkpoint_origin", "checkpoint_size", "checkpoint_root", "checkpoint_note"]

    /// RFC 4180 CSV: the header and one record per row; a missing value is an empty field.
    public var csvText: String {
        var writer = CSVWriter(header: csvHeader)
        let bound = SummaryExport.checkpointFields(checkpoint)
        for row in rows { writer.append(SummaryExport.csvFields(row, by: by) + bound) }
        return writer.text
    }

    /// A row's fields before the checkpoint columns.
    static func csvFields(_ row: SummaryTable.Row, by: [SummaryDimension]) -> [String] {
        row.values.map { $0 ?? "" } + (by.contains(.currency) ? [] : [row.currency.code])
            + [String(row.count), String(row.total), Money.decimalText(row.total, row.currency), String(row.parties)]
    }

    /// The values of `checkpointColumns`.
    public static func checkpointFields(_ bound: ExportCheckpoint) -> [String] {
        [bound.checkpoint.origin, String(bound.checkpoint.size), bound.checkpoint.root.base64, bound.note.serialized]
    }
}
