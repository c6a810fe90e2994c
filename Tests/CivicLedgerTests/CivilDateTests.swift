import Testing
@testable import CivicLedger

@Suite struct CivilDateTests {
    @Test(arguments: ["2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01", " 2024-01-01", "2024-01-01T00:00:00Z",
                      "0000-01-01", "２０２４-01-01", "2024/01/01", "", "+024-01-01"])
    func refusesWhatIsNotADate(text: String) {
        #expect(CivilDate(text) == nil)
        #expect(CivilDate.problem(text) != nil)
    }

    /// The two reasons stay apart: the wrong shape, and the right shape on no real day.
    @Test(arguments: [("2024-02-30", "is not a calendar date"), ("2023-02-29", "is not a calendar date"),
                      ("2024-00-10", "is not a calendar date"), ("0000-01-01", "is not a calendar date"),
                      ("2024-1-01", "is not a date YYYY-MM-DD"), ("2024/01/01", "is not a date YYYY-MM-DD"),
                      ("2024-01-0a", "is not a date YYYY-MM-DD"), ("2024-01-01 ", "is not a date YYYY-MM-DD"),
                      ("２０２４-01-01", "is not a date YYYY-MM-DD")])
    func namesWhyItIsNotADate(text: String, reason: String) {
        #expect(CivilDate.problem(text) == reason)
    }

    @Test func readsAndCountsDays() throws {
        let leap = try #require(CivilDate("2024-02-29"))
        #expect(leap.year == 2024 && leap.month == 2 && leap.day == 29 && leap.quarter == 1)
        #expect(CivilDate("1970-01-01")?.daysSinceEpoch == 0)
        #expect(CivilDate("1969-12-31")?.daysSinceEpoch == -1)
        #expect(CivilDate("2000-03-01")?.daysSinceEpoch == 11_017)
        #expect(CivilDate("2024-12-31")?.quarter == 4)
        #expect(CivilDate("0001-01-01")!.text == "0001-01-01")
        #expect(try #require(CivilDate("2024-01-31")) < leap)
        #expect(CivilDate("2024-01-31")?.adding(months: 1) == leap)
        #expect(CivilDate("9999-12-01")?.adding(months: 1) == nil)
        #expect(CivilDate(dateOf: "2025-06-30T23:59:59Z") == CivilDate(year: 2025, month: 6, day: 30))
    }

    /// A writer may supply only dates in 1900…2199; an entry already stored with another
    /// real date still decodes (its canonical bytes are unchanged), and the audit flags it.
    @Test(arguments: ["0001-01-01", "1899-12-31", "2200-01-01", "9999-12-31"])
    func aWriterMaySupplyOnlyDatesInRange(text: String) throws {
        let json = try CanonicalJSON.parse(Array(EntryFixtures.donation.utf8))
        guard case .object(var fields) = json else { Issue.record("fixture is an object"); return }
        fields["date"] = .string(text)
        do {
            _ = try EntryBody(writerJSON: .object(fields))
            Issue.record("accepted \(text)")
        } catch let error as LedgerError {
            #expect(error.message.contains("outside the value dates 1900-01-01…2199-12-31"), "\(error.message)")
        }
        fields["v"] = .integer(1)
        fields["seq"] = .integer(1)
        fields["prev"] = .string(String(repeating: "0", count: 64))
        fields["time"] = .string("2025-01-01T00:00:00Z")
        let stored = CanonicalJSON.encode(.object(fields))
        let entry = try Entry.decode(stored)
        #expect(entry.body.date.text == text)
        #expect(entry.canonicalBytes() == stored)
    }

    @Test func theWritableRangeIsItsBounds() throws {
        for text in ["1900-01-01", "2199-12-31"] {
            #expect(try #require(CivilDate(text)).writableProblem == nil)
        }
    }
}
