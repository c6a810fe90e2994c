import ArgumentParser
import CivicLedger
import CivicServer

extension WitnessCommand {
    struct Ask: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ask witnesses over HTTP to cosign the ledger's newest checkpoint, and attach their cosignatures.",
            discussion: """
            Sends the newest kept checkpoint to each --witness (C2SP tlog-witness add-checkpoint) with a \
            consistency proof from the size that witness last cosigned (the newest kept checkpoint carrying \
            its cosignature; a 409 names another size and the request is sent again from there), verifies \
            every cosignature it gets back, and attaches them under the writer lock. Prints one line a \
            witness. Exit 1 when fewer than --quorum witnesses (default: all) cosigned the checkpoint, 2 when \
            the ledger cannot be read or is locked (a running civic serve asks its witnesses itself).
            """)

        @Argument(help: "The ledger directory.")
        var directory: String

        @Option(help: "A witness, URL=WVKEY: its submission URL (requests go to URL/add-checkpoint) and cosignature verifier key or a file holding it; repeatable.")
        var witness: [String] = []

        @Option(help: "How many of the witnesses must have cosigned (default: all of them).")
        var quorum: Int?

        @Option(help: "Seconds one witness request may take.")
        var timeout: Int = 10

        func validate() throws {
            if witness.isEmpty { throw ValidationError("give --witness URL=WVKEY for each witness to ask") }
            if let quorum, quorum < 1 || quorum > witness.count {
                throw ValidationError("--quorum must be between 1 and the number of witnesses listed")
            }
            if timeout < 1 || timeout > 600 { throw ValidationError("--timeout must be 1 to 600 seconds") }
        }

        func run() throws {
            let clients = try witness.map { argument in
                let (url, vkey) = try WitnessClient.split(argument)
                return WitnessClient(prefix: url, key: try TrustAnchor.cosignatureVerifier(vkey), timeoutSeconds: Double(timeout))
            }
            guard Set(clients.map(\.key)).count == clients.count else { throw LedgerError(.usage, "a witness key is given twice") }
            let reader = try LedgerReader(directory: directory)
            let note = try SignedNote.parse(try reader.checkpointBytes(size: reader.size))
            let checkpoint = try Checkpoint(text: note.text)
            let known = WitnessRound.knownSizes(reader: reader, witnesses: clients.map(\.key))
            let answers = try WitnessCommand.blocking { [directory] in
                await WitnessRound.ask(clients, note: note, knownSizes: known) { old, new in
                    try LedgerReader(directory: directory).consistencyProof(from: old, to: new)
                }
            }
            for answer in answers {
                Terminal.line(answer.problem.map { "\(answer.witness.name): did not cosign: \($0)" }
                              ?? "\(answer.witness.name): cosigned size \(checkpoint.size)")
            }
            if answers.contains(where: { !$0.cosignatures.isEmpty }) {
                _ = try CosignatureAttacher.attach(directory: directory, cosigned: WitnessRound.cosigned(note, origin: checkpoint.origin, answers: answers),
                                                   witnesses: clients.map(\.key))
            }
            let kept = try SignedNote.parse(try LedgerReader(directory: directory).checkpointBytes(size: checkpoint.size))
            let cosigners = try WitnessPolicy.cosigners(note: kept, witnesses: clients.map(\.key))
            let needed = quorum ?? clients.count
            let summary = "the checkpoint at size \(checkpoint.size) carries \(cosigners.count) of \(clients.count) cosignatures (quorum \(needed))"
            guard cosigners.count >= needed else { throw CheckFailed(message: summary + ": the quorum is not reached") }
            Terminal.line("ok: " + summary)
        }
    }

    /// Runs a round from the command and returns its answers.
    static func blocking(_ body: @escaping @Sendable () async -> [WitnessRound.Answer]) throws -> [WitnessRound.Answer] {
        final class Box: @unchecked Sendable { var answers: [WitnessRound.Answer] = [] }
        let box = Box()
        try BlockingRun.wait { box.answers = await body() }
        return box.answers
    }
}
