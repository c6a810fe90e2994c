import Testing
@testable import CivicLedger

/// A receipt that ends inside its gist is reported as that, not as a missing later part.
@Suite struct ReceiptParseTests {
    @Test func aReceiptCutInsideItsGistSaysSo() throws {
        let text = DonorReceipt.header + "\namount: 10.00 CNY\n"
        let error = #expect(throws: LedgerError.self) { try DonorReceipt.parse(Array(text.utf8)) }
        #expect(error?.message == "receipt ends before its gist", "\(error?.message ?? "")")
    }
}
