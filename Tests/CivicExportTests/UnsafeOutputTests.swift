import CivicExport
import CivicLedger
import Foundation
import Testing

/// Printed commands, origins and CSV cells are inert for whoever pastes or opens them.
@Suite struct UnsafeOutputTests {
    static let hostile = "e.x/a';touch${IFS}x;'"

    /// A real /bin/sh reads each quoted word back as exactly the one word, expanding nothing.
    @Test(arguments: [hostile, "a b", "it's", "$(id)", "`id`", "a\\b", "", "-n", "ledger.example/x+abcd1234+AAA=", "中文"])
    func quotedWordsRoundTripThroughAShell(word: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "printf '%s' " + ShellQuote.word(word)]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: output, as: UTF8.self) == word)
    }

    @Test func plainWordsStayBare() {
        #expect(ShellQuote.command(["civic", "verify", "LEDGER", "--year", "2025"]) == "civic verify LEDGER --year 2025")
        #expect(ShellQuote.word(Self.hostile) == #"'e.x/a'\'';touch${IFS}x;'\'''"#)
    }

    @Test(arguments: [hostile, "e.x/a b", "e.x/<b>", "e.x//a", "-e.x", "e.x/a+b", "e.x/\u{0}", String(repeating: "a", count: 256), ""])
    func unsafeOriginsAreRefused(origin: String) {
        #expect(EntryBody.originProblem(origin) != nil, "\(origin)")
    }

    @Test(arguments: ["ledger.example.org/fuzz-seed", "civicledger.example.cn/hope-elderly-foundation", "a", "x-1.example/a_b/c~d.e"])
    func safeOriginsAreAccepted(origin: String) {
        #expect(EntryBody.originProblem(origin) == nil, "\(origin)")
    }

    @Test func spreadsheetFormulasAreNeutralised() {
        var writer = CSVWriter(header: ["text", "amount"])
        writer.append(["=HYPERLINK(\"x\")", "-12.34"])
        writer.append(["+1", "-5"])
        writer.append(["@SUM(A1)", "0.50"])
        writer.append(["-1+2", "7"])
        writer.append(["\tx", "\rcell"])
        writer.append(["plain", "-"])
        #expect(writer.text == "text,amount\r\n\"'=HYPERLINK(\"\"x\"\")\",-12.34\r\n'+1,-5\r\n'@SUM(A1),0.50\r\n'-1+2,7\r\n"
            + "'\tx,\"'\rcell\"\r\nplain,'-\r\n")
    }
}
