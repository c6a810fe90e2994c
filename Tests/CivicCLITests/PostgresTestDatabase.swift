import Foundation
import Testing

/// The throwaway PostgreSQL database the CLI's PostgreSQL suites run against:
/// `CIVIC_TEST_POSTGRES_URL`, which `Scripts/test` sets to the cluster it starts. Unset, the
/// suites are skipped with one reason (`skipReason`); set but empty, or naming a database
/// that does not answer, each test fails at once saying so, rather than failing later on
/// whatever the first command printed.
enum PostgresTestDatabase {
    static let variable = "CIVIC_TEST_POSTGRES_URL"

    /// Whether the PostgreSQL suites run at all (set to anything, even an empty value).
    static var isConfigured: Bool { ProcessInfo.processInfo.environment[variable] != nil }

    static let skipReason: Comment = "CIVIC_TEST_POSTGRES_URL is unset, so the PostgreSQL CLI suites are skipped; Scripts/test sets it, or run: export CIVIC_TEST_POSTGRES_URL=$(Scripts/pg-cluster start /tmp/NAME-pg/cluster)"

    struct Unusable: Error, CustomStringConvertible {
        let description: String
    }

    /// The database URL (`postgresql://USER@HOST:PORT/DB`, no query), checked to answer.
    static func baseURL() throws -> String {
        let url = try configuredURL(ProcessInfo.processInfo.environment[variable])
        let answer = try CLI.run(executable: URL(fileURLWithPath: "/usr/bin/env"), ["psql", "-X", "-q", "-w", "-c", "SELECT 1", url],
                                 environment: ["PGCONNECT_TIMEOUT": "10"])
        guard answer.status == 0 else {
            throw Unusable(description: "\(variable) is set, but its database does not answer psql (exit \(answer.status)): \(answer.stderr.trimmingCharacters(in: .whitespacesAndNewlines)); start one with Scripts/pg-cluster start DIR and set \(variable) to the URL it prints")
        }
        return url
    }

    /// `value` when it has the form the suites need; otherwise why not.
    static func configuredURL(_ value: String?) throws -> String {
        guard let value else {
            throw Unusable(description: "\(variable) is unset; Scripts/test sets it (these suites are skipped without it)")
        }
        let url = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !url.isEmpty else {
            throw Unusable(description: "\(variable) is set but empty: unset it to skip the PostgreSQL suites, or set it to the URL Scripts/pg-cluster start prints")
        }
        guard url.hasPrefix("postgresql://") || url.hasPrefix("postgres://"), !url.contains("?"), let parsed = URL(string: url), parsed.port != nil else {
            throw Unusable(description: "\(variable) must be postgresql://USER@HOST:PORT/DB without a query (the URL Scripts/pg-cluster start prints); the suites add ?ledger=NAME")
        }
        return url
    }
}

@Suite struct PostgresTestDatabaseTests {
    @Test func unsetEmptyAndMalformedValuesSayWhatToDo() throws {
        let cases: [(String?, String)] = [
            (nil, "is unset"), ("", "is set but empty"), ("  ", "is set but empty"),
            ("postgresql://civic@127.0.0.1/civic", "must be postgresql://USER@HOST:PORT/DB"),
            ("postgresql://civic@127.0.0.1:5432/civic?ledger=x", "without a query"), ("/tmp/db", "must be postgresql://"),
        ]
        for (value, expected) in cases {
            #expect(throws: PostgresTestDatabase.Unusable.self) { try PostgresTestDatabase.configuredURL(value) }
            do { _ = try PostgresTestDatabase.configuredURL(value) } catch {
                #expect("\(error)".contains(expected), "\(String(describing: value)): \(error)")
            }
        }
        #expect(try PostgresTestDatabase.configuredURL("postgresql://civic@127.0.0.1:5432/civic") == "postgresql://civic@127.0.0.1:5432/civic")
    }
}
