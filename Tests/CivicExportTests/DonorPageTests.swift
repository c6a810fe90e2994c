@testable import CivicExport
import CivicLedger
import Foundation
import Testing

/// The donor page's inserted values stay inert: a key name may hold any of `< > & " ' {{`
/// (only whitespace, control characters and `+` are barred), and none of them may end the
/// script, open markup, or be read as a placeholder.
@Suite struct DonorPageTests {
    static let hostileName = "x</script><script>alert(1)//{{vkey}}&\"'<!--"

    static func verifier(_ name: String) throws -> NoteVerifier {
        try NoteVerifier(name: name, publicKey: try Ed25519.PrivateKey(seed: [UInt8](repeating: 7, count: 32)).publicKey)
    }

    @Test func aHostileKeyNameIsInertInHTMLAndScript() throws {
        let verifier = try Self.verifier(Self.hostileName)
        let witness = try CosignatureVerifier(name: "w</li>{{script}}", publicKey: verifier.publicKey)
        let page = DonorPage.html(verifier: verifier, witnesses: [witness])
        #expect(page.components(separatedBy: "<script").count == 2, "one script element, opened once")
        #expect(page.components(separatedBy: "</script").count == 2, "and closed once")
        #expect(!page.contains("<!--"))
        #expect(page.contains("<code id=\"vkey\">\(ReportHTML.escape(verifier.vkey))</code>"))
        #expect(page.contains("<li><code>\(ReportHTML.escape(witness.vkey))</code></li>"))
        for placeholder in ["{{policy}}", "{{style}}", "{{witnesses}}", "{{script}}"] {
            #expect(page.components(separatedBy: placeholder).count - 1 == (placeholder == "{{script}}" ? 2 : 0),
                    "\(placeholder) appears only where a key name holds it")
        }

        // The pinned data reads back, as JSON, to exactly the keys given.
        let start = try #require(page.range(of: "const PINNED = "))
        let end = try #require(page[start.upperBound...].range(of: ";\n"))
        let pinned = try CanonicalJSON.parse(Array(page[start.upperBound..<end.lowerBound].utf8))
        guard case .object(let fields) = pinned else { Issue.record("pinned data is not an object"); return }
        #expect(fields["vkey"] == .string(verifier.vkey))
        #expect(fields["witnesses"] == .array([.string(witness.vkey)]))
        guard case .object(let exponents)? = fields["exponents"] else { Issue.record("no exponent table"); return }
        #expect(exponents["JPY"] == JSONValue.integer(0) && exponents["KWD"] == JSONValue.integer(3) && exponents.count == Currency.exponentTable.count)
        #expect(fields["receiptByteCountMax"] == .integer(Int64(DonorReceipt.byteCountMax)))
    }

    /// The Content-Security-Policy admits exactly the page's own script and style, by hash,
    /// and no connection of any kind.
    @Test func thePolicyHashesTheInlineScriptAndStyle() throws {
        let page = DonorPage.html(verifier: try Self.verifier("ledger.example.org/foundation"), witnesses: [])
        func body(_ tag: String) throws -> String {
            let open = try #require(page.range(of: "<\(tag)>"))
            let close = try #require(page[open.upperBound...].range(of: "</\(tag)>"))
            return String(page[open.upperBound..<close.lowerBound])
        }
        let policyStart = try #require(page.range(of: "content=\"default-src 'none'; "))
        let policy = String(page[policyStart.lowerBound...].prefix { $0 != ">" })
        #expect(policy.contains("script-src '\(DonorPage.hashSource(try body("script")))'"))
        #expect(policy.contains("style-src '\(DonorPage.hashSource(try body("style")))'"))
        #expect(policy.contains("connect-src 'none'") && policy.contains("img-src 'none'") && policy.contains("form-action 'none'"))
        #expect(!page.contains("http://") && !page.contains("https://"), "no address of any server")
    }
}
