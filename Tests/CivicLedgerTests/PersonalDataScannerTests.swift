import CivicLedger
import Testing

/// STD-PII's recogniser, on the forms people type and on numbers that are not personal data.
@Suite struct PersonalDataScannerTests {
    @Test(arguments: [
        "call 13812345678", "+86 13812345678", "+8613812345678", "0086 13812345678", "008613812345678",
        "138-1234-5678", "138 1234 5678", "+86 138 1234 5678", "0086-138-1234-5678", "86 138 1234 5678",
        "电话１３８１２３４５６７８", "手机１３８－１２３４－５６７８", "138\u{3000}1234\u{3000}5678",
    ])
    func mobileNumbers(text: String) {
        #expect(PersonalDataScanner.problem(in: text) == "a mobile number", "\(text)")
    }

    @Test(arguments: [
        "ID 11010519491231002X", "ID 11010519491231002x", "旧证 110105491231002", "ID１１０１０５１９４９１２３１００２Ｘ",
    ])
    func identityNumbers(text: String) {
        #expect(PersonalDataScanner.problem(in: text) == "a resident identity number", "\(text)")
    }

    @Test(arguments: ["zhang.san@example.com", "zhang＠example.com", "zhang＠example．com", "li@qq。com"])
    func emailAddresses(text: String) {
        #expect(PersonalDataScanner.problem(in: text) == "an e-mail address", "\(text)")
    }

    @Test(arguments: [
        "2025-01-15", "2025-01-15T12:30:00Z", "amount 1380000.00 CNY", "1,234,567.89", "order 138123456789",
        "receipt 2025-000123", "ref 110105194912310021", "110105491331002 (month 13)", "990105491231002 (region 99)", "110105000229123 (1900-02-29)",
        "138-1234-5678-9", "7 138 1234 5678", "128 1234 5678", "12812345678", "100 200 300 400 500",
        "price @ 5.00", "a@b", "item 123456789012345", "金额 １００．００ 元",
    ])
    func notPersonalData(text: String) {
        #expect(PersonalDataScanner.problem(in: text) == nil, "\(text)")
    }

    @Test func theScreenLetsEveryPositiveThrough() {
        for text in ["138 1234 5678", "+86-138-1234-5678", "１３８１２３４５６７８", "a＠b．cn", "110105491231002",
                     "手机１３８－１２３４－５６７８", "138\u{3000}1234\u{3000}5678", "电话：13812345678。"] {
            #expect(PersonalDataScanner.mightHoldPersonalData(Array(text.utf8)), "\(text)")
        }
        #expect(!PersonalDataScanner.mightHoldPersonalData(Array(#"{"memo":"2025-01-15 amount 500.00"}"#.utf8)))
        // Chinese text and full-width punctuation alone do not defeat the screen.
        #expect(!PersonalDataScanner.mightHoldPersonalData(Array(#"{"memo":"助学金，第二期。（２０２５年）"}"#.utf8)))
    }

    @Test func messagesWithholdNamesThatHoldPersonalData() {
        #expect(PersonalData.quotable("D-2025-001") == "D-2025-001")
        #expect(PersonalData.quotable("D-13812345678") == PersonalData.withheld)
        #expect(PersonalData.quotable("Zhang San") == "(withheld: not a valid id)", "a rejected id is not echoed")
        #expect(PersonalData.quotableName("colour") == "colour")
        #expect(PersonalData.quotableName("Zhang San 13912345678") != "Zhang San 13912345678")
        #expect(PersonalData.quotableName(String(repeating: "a", count: 65)).hasPrefix("(a name withheld"))
    }
}
