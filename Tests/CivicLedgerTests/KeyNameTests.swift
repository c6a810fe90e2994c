import Testing
@testable import CivicLedger

/// One key-name rule for origins, genesis/key-rotation `vkey` fields and `--vkey` keys:
/// before, an origin could hold DEL or 10,000 bytes that `--vkey` then refused, and a
/// genesis refused an upper-case key id that `--vkey` took.
@Suite struct KeyNameTests {
    @Test(arguments: ["", "a+b", "a b", "a\u{7f}b", "a\tb", "a\u{3000}b", String(repeating: "x", count: 201)])
    func oneRuleRefusesBadNames(name: String) throws {
        #expect(KeyString.nameProblem(name) != nil)
        #expect(throws: LedgerError.self) { try NoteVerifier.checkName(name) }
        #expect(EntrySyntax.verifierKeyName(name + "+00000000+AQ==").problem != nil)
    }

    @Test func goodNamesPassEverywhere() throws {
        let signer = try NoteSigner.generate(name: String(repeating: "x", count: 200))
        #expect(KeyString.nameProblem(signer.name) == nil)
        #expect(EntrySyntax.verifierKeyName(signer.verifier.vkey).name == signer.name)
        #expect(try NoteVerifier(vkey: signer.verifier.vkey) == signer.verifier)
    }

    @Test func anUpperCaseKeyIDIsRefusedByBoth() throws {
        let vkey = try NoteSigner.generate(name: "example.org/log").verifier.vkey
        let parts = vkey.split(separator: "+").map(String.init)
        let upper = parts[0] + "+" + parts[1].uppercased() + "+" + parts[2]
        guard upper != vkey else { return } // a key id of digits only has no case
        #expect(throws: LedgerError.self) { try NoteVerifier(vkey: upper) }
        #expect(EntrySyntax.verifierKeyName(upper).problem != nil)
    }
}
