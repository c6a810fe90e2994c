import ArgumentParser
import CivicLedger

/// Options every ledger-writing command shares.
struct WriterOptions: ParsableArguments {
    @Argument(help: "The ledger directory, or postgresql://USER@HOST:PORT/DB?ledger=NAME.")
    var directory: String

    @Option(help: "The ledger's private key file (mode 0600).")
    var key: String
}

/// Options of the commands that read a ledger without verifying all of it.
struct ReaderOptions: ParsableArguments {
    @Argument(help: "The ledger directory, or postgresql://USER@HOST:PORT/DB?ledger=NAME.")
    var directory: String

    @Option(help: "Trusted verifier key (or a file holding it): when given, the newest checkpoint's signature is checked first.")
    var vkey: String?

    /// Opens the ledger in either engine, checking the newest checkpoint's signature when a key was given.
    func openLog() throws -> any VerifiableLog & ProofLog {
        let log = try LedgerLocation.openLog(directory)
        if let vkey { _ = try log.latestCheckpoint(verifiers: [try TrustAnchor.verifier(vkey)]) }
        return log
    }
}

/// The ledger directory and the trusted key of the commands that verify before they answer
/// (verify, audit, exports): the trust anchor is always the caller's, never the ledger's.
struct TrustedLedgerOptions: ParsableArguments {
    @Argument(help: "The ledger directory, or postgresql://USER@HOST:PORT/DB?ledger=NAME.")
    var directory: String

    @Option(help: "Trusted verifier key (name+id+key), or a file holding it.")
    var vkey: String

    func verifier() throws -> NoteVerifier {
        try TrustAnchor.verifier(vkey)
    }
}
