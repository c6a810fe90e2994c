@testable import CivicPostgres
import Foundation
import XCTest

/// Ledger/SPEC.md ("Schema") shows the statements the binary runs, byte for byte: the version
/// table, then each migration's statements in order under `-- migration N`.
final class SchemaSpecTests: XCTestCase {
    func testSpecShowsTheSchemaByteForByte() throws {
        let spec = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Ledger/SPEC.md")
        let text = try String(contentsOf: spec, encoding: .utf8)
        var expected = "```sql\n" + PostgresSchema.versionTable + ";\n"
        for (index, statements) in PostgresSchema.migrations.enumerated() {
            expected += "-- migration \(index + 1)\n" + statements.map { $0 + ";\n" }.joined()
        }
        expected += "```\n"
        XCTAssertTrue(text.contains("### Schema (version \(PostgresSchema.version))\n"), "the heading names another version")
        XCTAssertTrue(text.contains(expected), "Ledger/SPEC.md's schema block differs from PostgresSchema; it should read:\n\(expected)")
    }
}
