/// Maps the records of a CSV import file to the writer JSON of one entry each.
///
/// The header names writer field paths (`CSVColumn.known`); an empty cell means the field
/// is absent. Money columns read decimal text in the row's `currency` and convert it
/// exactly (`500.001` in CNY is an error, never rounded). What the mapper builds then goes
/// through `EntryBody(writerJSON:)`, the same schema check as JSON Lines import.
public struct CSVEntryMapper: Sendable {
    /// The header's columns, in file order.
    public let columns: [CSVColumn]
    private let currencyIndex: Int?
    private let kindIndex: Int

    /// Kinds that never come from CSV, and why.
    static let refusedKinds: [String: String] = [
        EntryKind.genesis.rawValue: "genesis entries are not imported (civic init writes the genesis)",
        EntryKind.key.rawValue: "key rotation entries are not imported from CSV",
        EntryKind.backfill.rawValue: "backfill declarations are not imported from CSV (civic import --backfill-until writes one)",
    ]

    /// Reads the header: every name a known column, none twice, `kind`, `id` and `date` present.
    public init(header: CSVRecord) throws {
        do { try self.init(validating: header) } catch { throw error.ledgerError }
    }

    init(validating header: CSVRecord) throws(CSVProblem) {
        var columns: [CSVColumn] = []
        var seen: Set<String> = []
        for name in header.fields {
            guard let column = CSVColumn.byName[name] else {
                let reason = "unknown column \"\(PersonalData.quotableName(name))\" (Ledger/SPEC.md, \"CSV import\", lists the known columns)"
                throw CSVProblem(lineNumber: header.lineNumber, reason: reason)
            }
            guard seen.insert(name).inserted else {
                throw CSVProblem(lineNumber: header.lineNumber, column: name, reason: "column appears twice in the header")
            }
            columns.append(column)
        }
        for name in CSVColumn.required where !seen.contains(name) {
            throw CSVProblem(lineNumber: header.lineNumber, reason: "the header has no \(name) column")
        }
        self.columns = columns
        kindIndex = columns.firstIndex { $0.name == "kind" }!
        currencyIndex = columns.firstIndex { $0.type == .currency }
        assert(columns.count == header.fields.count, "one column per header field")
    }

    /// The writer JSON of `record`, not yet schema-checked.
    public func writerJSON(for record: CSVRecord) throws -> JSONValue {
        do { return try buildJSON(record) } catch { throw error.ledgerError }
    }

    /// The schema-checked entry of `record`.
    public func entryBody(for record: CSVRecord) throws -> EntryBody {
        do { return try body(record) } catch { throw error.ledgerError }
    }

    func body(_ record: CSVRecord) throws(CSVProblem) -> EntryBody {
        let json = try buildJSON(record)
        do {
            return try EntryBody(writerJSON: json)
        } catch let error as LedgerError {
            throw schemaProblem(error.message, kind: record.fields[kindIndex], lineNumber: record.lineNumber)
        } catch {
            throw CSVProblem(lineNumber: record.lineNumber, reason: "\(error)")
        }
    }

    func buildJSON(_ record: CSVRecord) throws(CSVProblem) -> JSONValue {
        precondition(record.fields.count == columns.count, "the reader checks every record against the header")
        let line = record.lineNumber
        if let reason = CSVEntryMapper.refusedKinds[record.fields[kindIndex]] {
            throw CSVProblem(lineNumber: line, column: "kind", reason: reason)
        }
        let currency = try rowCurrency(record)
        var object: [String: JSONValue] = [:]
        for (column, cell) in zip(columns, record.fields) where !cell.isEmpty && column.type != .currency {
            let value: JSONValue
            do { value = try CSVEntryMapper.convert(cell, as: column.type, currency: currency) } catch let error as LedgerError {
                throw CSVProblem(lineNumber: line, column: column.name, reason: error.message)
            } catch {
                throw CSVProblem(lineNumber: line, column: column.name, reason: "\(error)")
            }
            guard CSVEntryMapper.insert(value, at: column.path, into: &object) else {
                throw CSVProblem(lineNumber: line, column: column.name,
                                 reason: "conflicts with another column of this row (fund is the fund of a money row; fund.code and the other fund.* columns open a fund)")
            }
        }
        return .object(object)
    }

    private func rowCurrency(_ record: CSVRecord) throws(CSVProblem) -> Currency? {
        guard let currencyIndex, !record.fields[currencyIndex].isEmpty else { return nil }
        do { return try Currency.named(record.fields[currencyIndex]) } catch {
            throw CSVProblem(lineNumber: record.lineNumber, column: "currency",
                             reason: "not an ISO 4217 code with a minor unit")
        }
    }

    /// One cell's JSON value; errors are `LedgerError`s without the line or column.
    static func convert(_ cell: String, as type: CSVColumn.ValueType, currency: Currency?) throws -> JSONValue {
        switch type {
        case .text, .currency:
            return .string(cell)
        case .boolean:
            guard cell == "true" || cell == "false" else { throw LedgerError(.invalidEntry, "is not true or false") }
            return .bool(cell == "true")
        case .integer:
            return .integer(try integer(cell))
        case .money:
            return try Money.parseDecimal(cell, currency: try needed(currency)).json
        case .minorUnits:
            return .integer(try Money.parseMinorUnits(cell, currency: try needed(currency)))
        }
    }

    private static func needed(_ currency: Currency?) throws -> Currency {
        guard let currency else { throw LedgerError(.invalidEntry, "an amount needs the row's currency column") }
        return currency
    }

    /// Plain decimal digits without a leading zero, 0 … 2^53−1.
    static func integer(_ cell: String) throws -> Int64 {
        let digits = Array(cell.utf8)
        let isPlain = digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        guard isPlain, digits.count <= 16, digits == [UInt8(ascii: "0")] || digits.first != UInt8(ascii: "0"),
              let value = Int64(cell), value <= JSONValue.integerMagnitudeMax
        else { throw LedgerError(.invalidEntry, "is not an integer 0…\(JSONValue.integerMagnitudeMax) in plain digits") }
        return value
    }

    /// Puts `value` at a one- or two-part path; false when the place is taken.
    static func insert(_ value: JSONValue, at path: [Substring], into object: inout [String: JSONValue]) -> Bool {
        assert((1...2).contains(path.count), "columns nest at most one level")
        let head = String(path[0])
        guard path.count == 2 else {
            guard object[head] == nil else { return false }
            object[head] = value
            return true
        }
        var inner: [String: JSONValue]
        switch object[head] {
        case nil: inner = [:]
        case .object(let existing): inner = existing
        default: return false
        }
        inner[String(path[1])] = value
        object[head] = .object(inner)
        return true
    }

    /// Turns a schema error (`donation.amount.value: must be positive`) into the column at
    /// fault (`amount`) and the reason.
    func schemaProblem(_ message: String, kind: String, lineNumber: Int) -> CSVProblem {
        var text = Substring(message)
        if !kind.isEmpty, text.hasPrefix(kind + ".") { text = text.dropFirst(kind.count + 1) }
        guard let separator = text.firstRange(of: ": "), !text[..<separator.lowerBound].contains(" ") else {
            return CSVProblem(lineNumber: lineNumber, reason: message)
        }
        var path = String(text[..<separator.lowerBound])
        var reason = String(text[separator.upperBound...])
        if let dot = path.lastIndex(of: "."), CSVColumn.byName[String(path[..<dot])]?.type == .money {
            path = String(path[..<dot])
        } else if CSVColumn.byName[path] == nil {
            let nested = CSVColumn.known.map(\.name).filter { $0.hasPrefix(path + ".") }
            if !nested.isEmpty { reason += " (columns \(nested.joined(separator: ", ")))" }
        }
        return CSVProblem(lineNumber: lineNumber, column: path, reason: reason)
    }
}
