import ArgumentParser
import CivicLedger
#if canImport(Glibc)
import Glibc
#endif

@main
struct Civic: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "civic",
        abstract: "CivicLedger: an append-only, hash-chained, signed ledger for charities and market contributions.",
        discussion: """
        Exit codes: 0 ok; 1 a check failed (verification found tampering or corruption); \
        2 usage or input error (nothing was acknowledged); 3 the batch committed but a derived \
        file (ids, state/book.json) needs repair (see the warning).
        """,
        version: CivicLedger.Version.text,
        subcommands: [KeyCommand.self, InitCommand.self, AddCommand.self, ImportCommand.self, VerifyCommand.self,
                      LogCommand.self, ShowCommand.self,
                      ProveCommand.self, VerifyProofCommand.self, ConsistencyCommand.self, VerifyConsistencyCommand.self,
                      ReceiptCommand.self, VerifyReceiptCommand.self, TraceCommand.self, AuditCommand.self, DonorCommand.self,
                      WitnessCommand.self, MonitorCommand.self, PublishCommand.self, ExportCommand.self,
                      TokenCommand.self, ServeCommand.self, CopyCommand.self, MigrateCommand.self]
    )

    /// Runs the command and maps every failure onto the documented exit codes, with one
    /// line on standard error.
    static func main() {
        // A closed pipe (civic log | head) must end output, not kill the process mid-write.
        signal(SIGPIPE, SIG_IGN)
        do {
            try UTCClock.checkOverride()
            var command = try parseAsRoot()
            try command.run()
            Terminal.flush()
        } catch let error as LedgerError {
            Terminal.flush()
            Terminal.error(error.message)
            Glibc.exit(error.code == .corrupt || error.code == .invalidProof ? ExitCode.checkFailed : ExitCode.inputError)
        } catch let warning as DerivedFilesNeedRepair {
            Terminal.flush()
            Terminal.error(warning.message)
            Glibc.exit(ExitCode.committedNeedsRepair)
        } catch let failure as CheckFailed {
            Terminal.flush()
            Terminal.error(failure.message)
            Glibc.exit(ExitCode.checkFailed)
        } catch {
            Terminal.flush()
            let message = fullMessage(for: error)
            if exitCode(for: error).isSuccess {
                Terminal.line(message)
                Terminal.flush()
                Glibc.exit(0)
            }
            Terminal.error(message)
            Glibc.exit(ExitCode.inputError)
        }
    }
}

/// The fixed exit-code vocabulary (README, "Exit codes").
enum ExitCode {
    static let checkFailed: Int32 = 1
    static let inputError: Int32 = 2
    static let committedNeedsRepair: Int32 = 3
}

/// A batch that committed (acknowledged, durable) while a derived file could not be
/// updated: exit 3, after the usual report on standard output.
struct DerivedFilesNeedRepair: Error {
    let message: String
}

/// A check that ran and found a problem: exit 1.
struct CheckFailed: Error {
    let message: String
}
