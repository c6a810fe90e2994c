import CivicLedger

/// `civic export summary` over several ledgers: each ledger's summary table (the same code
/// as one ledger's, each verified and bound to its own newest checkpoint) added into one
/// table. Rows with the same dimension values and currency are added up (overflow-checked);
/// different currencies are never added. With `org` among the dimensions every row belongs
/// to one ledger. `parties` adds each ledger's distinct parties: a party ref is a ledger's
/// own pseudonym, so refs of different ledgers are never taken for the same party.
public struct ConsolidatedSummary: Sendable {
    /// The checkpoint of every ledger, in the order of their origins (UTF-8 bytes).
    public let checkpoints: [ExportCheckpoint]
    public let by: [SummaryDimension]
    public let period: SummaryPeriod
    public let rows: [SummaryTable.Row]
    /// For each row, the positions in `checkpoints` of the ledgers that contributed to it.
    public let contributors: [[Int]]

    /// `progress` is told how many entries have been read, over every ledger so far.
    public init(sources: [LedgerSource], by: [SummaryDimension], period: SummaryPeriod,
                progress: ((UInt64) -> Void)? = nil) throws {
        var before: UInt64 = 0
        let exports = try LedgerSource.each(sources) { reader, source in
            defer { before += reader.size }
            return try SummaryExport(reader: reader, verifiers: [source.verifier], by: by, period: period,
                                     progress: progress.map { report in { [before] in report(before + $0) } })
        }.sorted { $0.checkpoint.checkpoint.origin.utf8.lexicographicallyPrecedes($1.checkpoint.checkpoint.origin.utf8) }
        var cells: [Key: (count: Int64, total: Int64, parties: Int64, ledgers: [Int])] = [:]
        for (position, export) in exports.enumerated() {
            for row in export.rows {
                let key = Key(values: row.values, currency: row.currency)
                var cell = cells[key] ?? (0, 0, 0, [])
                do {
                    cell.count = try Money.sum(cell.count, row.count)
                    cell.total = try Money.sum(cell.total, row.total)
                    cell.parties = try Money.sum(cell.parties, row.parties)
                } catch let error as LedgerError {
                    throw LedgerError(error.code, "\(export.checkpoint.checkpoint.origin): \(row.currency.code): \(error.message)")
                }
                cell.ledgers.append(position)
                cells[key] = cell
            }
        }
        let merged = cells.map { key, cell in
            (SummaryTable.Row(values: key.values, currency: key.currency, count: cell.count, total: cell.total, parties: cell.parties),
             cell.ledgers)
        }.sorted { SummaryTable.precedes($0.0, $1.0) }
        checkpoints = exports.map(\.checkpoint)
        self.by = by
        self.period = period
        rows = merged.map(\.0)
        contributors = merged.map(\.1)
    }

    private struct Key: Hashable {
        let values: [String?]
        let currency: Currency
    }

    /// `{"checkpoints": [{"origin", "size", "root", "note"}…], "period", "by", "rows": […]}`:
    /// the rows as one ledger's summary has them, plus `ledgers`, the origins that make up the row.
    public var json: JSONValue {
        .object([
            "checkpoints": .array(checkpoints.map(\.json)), "period": period.json,
            "by": .array(by.map { .string($0.rawValue) }),
            "rows": .array(zip(rows, contributors).map { row, ledgers in
                guard case .object(var fields) = SummaryExport.rowJSON(row, by: by) else { return .null }
                fields["ledgers"] = .array(ledgers.map { .string(checkpoints[$0].checkpoint.origin) })
                return .object(fields)
            }),
        ])
    }

    /// The canonical JSON document and a newline.
    public var jsonText: String {
        String(decoding: CanonicalJSON.encode(json), as: UTF8.self) + "\n"
    }

    /// RFC 4180 CSV with one ledger's header: the checkpoint columns of a row hold those of
    /// the ledgers that make it up, in origin order: origins, sizes and roots joined by "; ",
    /// the signed notes (each ending in a newline) joined by an empty line.
    public var csvText: String {
        var writer = CSVWriter(header: SummaryExport.csvHeader(by: by))
        for (row, ledgers) in zip(rows, contributors) {
            let bound = ledgers.map { SummaryExport.checkpointFields(checkpoints[$0]) }
            let joined = (0..<3).map { column in bound.map { $0[column] }.joined(separator: "; ") }
                + [bound.map { $0[3] }.joined(separator: "\n")]
            writer.append(SummaryExport.csvFields(row, by: by) + joined)
        }
        return writer.text
    }
}
