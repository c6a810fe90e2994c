import ArgumentParser
import CivicLedger
import Foundation

struct WitnessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "witness",
        abstract: "Act as a witness: cosign a log's checkpoints (C2SP tlog-cosignature) and attach cosignatures to a ledger.",
        subcommands: [KeyGroup.self, Cosign.self, Attach.self, Serve.self, Ask.self])

    struct KeyGroup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "key", abstract: "Manage witness cosigning keys.", subcommands: [Generate.self])
    }

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an Ed25519 cosigning key (type 0x04, mode 0600) and print its witness verifier key.")

        @Option(help: "Witness name, e.g. witness.example.org/w1.")
        var name: String

        @Option(help: "Private key file to create; an existing file is never overwritten.")
        var out: String

        func run() throws {
            let signer = try CosignatureSigner.generate(name: name)
            try KeyFile.create(signer, at: out)
            Terminal.line(signer.verifier.vkey)
        }
    }

    struct Cosign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cosign a log's checkpoint if it is consistent with the last one this witness cosigned.",
            discussion: """
            Verifies CHECKPOINT under --log-vkey, the log's first key, following the log's key rotations: \
            the checkpoint must be signed by the key in force at its size along the chain of key entries this \
            witness followed so far (kept in --state); when it is not, the chain is read from --keys (the log's \
            key chain proof, as GET /ledgers/NAME/key-chain?size=N serves it) or from --ledger, checked against \
            the checkpoint's own root, and must extend the chain already followed, so a retired key signing \
            after its rotation is refused. Then loads the last checkpoint this witness cosigned for \
            the origin from --state, and requires a size at least as large: for a larger size an RFC 9162 \
            consistency proof (computed from --ledger, or read from --proof: one base64 hash a line), for an \
            equal size the same root. Only then signs, saves the new state and prints the checkpoint with the \
            cosignature added. With no state for the origin yet, the log's signature is the only check. \
            Exit 1 when it refuses (rollback, fork, inconsistent proof, bad signature or key chain).
            """)

        @Argument(help: "The log's signed checkpoint file ('-' for standard input).")
        var checkpoint: String

        @Option(help: "The witness's cosigning key file (mode 0600).")
        var key: String

        @Option(help: "The witness's state directory (one file per origin).")
        var state: String

        @Option(name: .customLong("log-vkey"), help: "The log's first verifier key (name+id+key), or a file holding it.")
        var logVkey: String

        @Option(help: "The log's ledger directory, to compute the consistency proof and read the key chain from.")
        var ledger: String?

        @Option(help: "The log's key chain proof for the checkpoint's size (civicledger.keys/v1), to follow a key rotation; '-' for standard input.")
        var keys: String?

        @Option(help: "A consistency proof file: one base64 hash a line.")
        var proof: String?

        @Option(help: "Write the cosigned checkpoint to this file instead of standard output.")
        var out: String?

        @OptionGroup var output: ForceOption

        func validate() throws {
            if ledger != nil && proof != nil { throw ValidationError("give --ledger or --proof, not both") }
            if ledger != nil && keys != nil { throw ValidationError("give --ledger or --keys, not both (--ledger supplies the key chain too)") }
            if checkpoint == "-" && keys == "-" { throw ValidationError("the checkpoint and --keys cannot both be read from standard input") }
        }

        func run() throws {
            // Checked first: the state must not advance for a cosignature that cannot be written.
            if let out { try OutputPath.check(out, force: output.force) }
            let log = try TrustAnchor.verifier(logVkey)
            let signer = try KeyFile.loadCosigner(key)
            let note = try WitnessCommand.readNote(checkpoint)
            let witness = Witness(signer: signer, log: log, stateDirectory: state)
            // Read only when the checkpoint is signed by a key this witness does not follow yet.
            var chain: Witness.KeyChainSource?
            if let keys {
                chain = { _ in try KeyChainInput.file(keys) }
            } else if let ledger {
                chain = { size in try KeyChainInput.ledger(ledger, size: size) }
            }
            let cosigned = try witness.cosign(note, timestamp: UInt64(clamping: UTCClock.unixNow()), keys: chain) { old, new in
                if let ledger { return try LedgerReader(directory: ledger).consistencyProof(from: old, to: new) }
                if let proof { return try WitnessCommand.readProof(proof) }
                throw LedgerError(.usage, "the checkpoint grows the log from \(old) to \(new) entries: give --ledger or --proof for a consistency proof")
            }
            if let out {
                do { try OutputFile.write(cosigned.serialized, to: out, force: output.force) } catch let error as LedgerError {
                    // The state already records this cosignature: say so, and that cosigning
                    // the same checkpoint again gives it back.
                    throw LedgerError(error.code, "\(error.message); the witness did cosign size \(try Checkpoint(text: cosigned.text).size) and saved its state: run cosign again with the same checkpoint to get the cosignature")
                }
            } else {
                Terminal.line(String(cosigned.serialized.dropLast()))
            }
        }
    }

    struct Attach: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a cosigned checkpoint's signatures to the ledger's kept checkpoint of that size.",
            discussion: """
            The text must be byte-identical to the kept checkpoint's (exit 1 otherwise) and the ledger's own \
            signature must still be on it. Every other signature must be a cosignature by one of the \
            --witness keys that verifies (exit 2 for a key not listed, exit 1 for one that does not verify; \
            nothing is attached then). The file checkpoints/<size> is replaced atomically, under the writer \
            lock, by the same text with the new cosignatures; a valid one replaces a kept one by the same key \
            that does not verify.
            """)

        @Argument(help: "The ledger directory.")
        var directory: String

        @Argument(help: "The cosigned checkpoint file ('-' for standard input).")
        var cosigned: String

        @Option(help: "A witness's cosignature verifier key (name+id+base64(0x04 ‖ key)), or a file holding it; repeat for each witness.")
        var witness: [String] = []

        func validate() throws {
            if witness.isEmpty { throw ValidationError("give --witness WVKEY for each witness whose cosignatures you attach") }
        }

        func run() throws {
            let witnesses = try witness.map(TrustAnchor.cosignatureVerifier)
            let note = try WitnessCommand.readNote(cosigned)
            let result = try CosignatureAttacher.attach(directory: directory, cosigned: note, witnesses: witnesses)
            var line = "attached \(result.added) signature\(result.added == 1 ? "" : "s") to the checkpoint at size \(result.size)"
            if result.skipped > 0 { line += " (\(result.skipped) skipped: the checkpoint already carries a valid cosignature by the same key)" }
            Terminal.line(line)
        }
    }

    static func readNote(_ path: String) throws -> SignedNote {
        let bytes = try InputFile.read(path, limit: SignedNote.byteCountMax)
        do { return try SignedNote.parse(bytes) } catch let error as LedgerError {
            throw LedgerError(.usage, "\(path): \(error.message)")
        }
    }

    static func readProof(_ path: String) throws -> [Hash32] {
        let bytes = try InputFile.read(path, limit: 1 << 16)
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        return try lines.enumerated().map { number, line in
            guard let hash = Hash32(base64: String(line)) else {
                throw LedgerError(.usage, "\(path):\(number + 1): not the base64 of a 32-byte hash")
            }
            return hash
        }
    }
}
