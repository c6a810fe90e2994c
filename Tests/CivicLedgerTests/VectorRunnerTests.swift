import Foundation
import Testing
@testable import CivicLedger

/// Runs every vector file of Ledger/vectors (formats: Ledger/SPEC.md, "Vectors"): the valid
/// entries with their leaf hashes (EntryVectorTests), and the invalid entries, CSV files,
/// proofs and receipts, each of which must be refused with its expected error. A vector file
/// this runner does not know fails the run, so no file is silently skipped.
@Suite struct VectorRunnerTests {
    /// One invalid vector: `name`, the expected `error` code (or CSV `line` and `column`), and
    /// the input as a JSON string so bytes a canonical writer would never produce survive.
    struct Vector: Decodable {
        let name: String
        let error: String?
        let line: LineOrNumber?
        let text: String?
        let csv: String?
        let column: String?
    }

    /// `line` is the stored entry text in invalid-entries, the 1-based line number in invalid-csv.
    enum LineOrNumber: Decodable {
        case text(String)
        case number(Int)
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) { self = .number(number) } else { self = .text(try container.decode(String.self)) }
        }
    }

    static let known: Set<String> = ["entries.jsonl", "entries-leaf-hashes.txt", "invalid-entries.jsonl",
                                     "invalid-csv.jsonl", "invalid-proofs.jsonl", "invalid-receipts.jsonl"]

    @Test func everyVectorFileIsRun() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: EntryFixtures.vectorsDirectory.path)
        #expect(Set(names) == Self.known, "vector files without a runner: \(Set(names).subtracting(Self.known))")
    }

    static func vectors(_ name: String) throws -> [Vector] {
        let text = try String(contentsOf: EntryFixtures.vectorsDirectory.appendingPathComponent(name), encoding: .utf8)
        let vectors = try text.split(separator: "\n").map { try JSONDecoder().decode(Vector.self, from: Data($0.utf8)) }
        #expect(vectors.count >= 3, "\(name) holds too few vectors")
        return vectors
    }

    static func expectRefused(_ vector: Vector, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("\(vector.name): accepted, expected \(vector.error ?? "an error")")
        } catch let error as LedgerError {
            #expect(error.code.rawValue == vector.error, "\(vector.name): \(error.code) \(error.message)")
        } catch {
            Issue.record("\(vector.name): \(error)")
        }
    }

    @Test func invalidEntriesAreRefused() throws {
        for vector in try Self.vectors("invalid-entries.jsonl") {
            guard case .text(let line) = try #require(vector.line, "\(vector.name): no line") else {
                Issue.record("\(vector.name): line must be the entry text"); continue
            }
            Self.expectRefused(vector) { _ = try Entry.decode(Array(line.utf8)) }
        }
    }

    @Test func invalidProofsAreRefused() throws {
        for vector in try Self.vectors("invalid-proofs.jsonl") {
            let text = try #require(vector.text, "\(vector.name): no text")
            Self.expectRefused(vector) { _ = try TlogProof.parse(text) }
        }
    }

    @Test func invalidReceiptsAreRefused() throws {
        for vector in try Self.vectors("invalid-receipts.jsonl") {
            let text = try #require(vector.text, "\(vector.name): no text")
            Self.expectRefused(vector) { _ = try DonorReceipt.parse(Array(text.utf8)) }
        }
    }

    @Test func invalidCSVRowsAreReportedWhereTheyAre() throws {
        for vector in try Self.vectors("invalid-csv.jsonl") {
            let csv = try #require(vector.csv, "\(vector.name): no csv")
            guard case .number(let line) = try #require(vector.line, "\(vector.name): no line") else {
                Issue.record("\(vector.name): line must be a number"); continue
            }
            let file = CSVEntryFile(bytes: Array(csv.utf8))
            let problem = try #require(file.problems.first, "\(vector.name): accepted")
            #expect(problem.lineNumber == line, "\(vector.name): line \(problem.lineNumber): \(problem.reason)")
            #expect(problem.column == vector.column, "\(vector.name): column \(problem.column ?? "none"): \(problem.reason)")
        }
    }
}
