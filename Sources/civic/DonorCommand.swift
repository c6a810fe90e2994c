import ArgumentParser
import CivicLedger

struct DonorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "donor",
        abstract: "Manage private donor records (DIR/private/donors, or a PostgreSQL ledger's donor table) and prove donations against them.",
        discussion: """
        The public log holds only a donor's ref and a salted SHA-256 commitment to the private \
        record; name, contact and salt stay in the ledger's private store until redacted.
        """,
        subcommands: [Add.self, Show.self, Redact.self, Prove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store a new donor record with a fresh random salt and print its commitment.",
            discussion: "Put the printed commitment on the donor's donations (field \"commitment\"). An existing ref is never overwritten.")

        @Argument(help: "The ledger directory, or postgresql://USER@HOST:PORT/DB?ledger=NAME.")
        var directory: String

        @Option(help: "The donor's pseudonymous reference, as used in entries (syntax of an entry id).")
        var ref: String

        @Option(help: "The donor's name (1-200 characters).")
        var name: String

        @Option(help: "How to reach the donor (at most 200 characters).")
        var contact: String?

        func run() throws {
            let store = try LedgerLocation.openDonors(directory)
            let record = try DonorRecord.generate(ref: ref, name: name, contact: contact)
            try store.add(record)
            Terminal.line(record.commitment)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a donor record as canonical JSON: the donor's copy to keep.")

        @Argument(help: "The ledger directory, or postgresql://USER@HOST:PORT/DB?ledger=NAME.")
        var directory: String

        @Argument(help: "The donor's ref.")
        var ref: String

        func run() throws {
            let record = try LedgerLocation.openDonors(directory).record(ref: ref)
            Terminal.bytesLine(record.canonicalBytes()[...])
        }
    }

    struct Redact: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase a donor record (a directory: overwrite with zeros, fsync, unlink; PostgreSQL: DELETE, VACUUM FULL); the log still verifies.")

        @Argument(help: "The ledger directory, or postgresql://USER@HOST:PORT/DB?ledger=NAME.")
        var directory: String

        @Argument(help: "The donor's ref.")
        var ref: String

        func run() throws {
            try LedgerLocation.openDonors(directory).redact(ref: ref)
            Terminal.line("redacted donor \(ref)")
        }
    }

    struct Prove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that a donation's commitment matches a donor's record file.",
            discussion: "Exit 0 when it matches, 1 when it does not. With --vkey the newest checkpoint's signature is checked first; run civic verify for the whole log.")

        @Argument(help: "The donor's record file (as printed by civic donor show).")
        var recordFile: String

        @OptionGroup var options: ReaderOptions

        @Argument(help: "The donation: a seq (a number) or an entry id.")
        var entry: String

        func run() throws {
            let record = try DonorRecord.parse(try InputFile.read(recordFile, limit: DonorRecord.byteCountMax))
            let reader = try options.openLog()
            let (seq, bytes) = try find(in: reader)
            guard case .donation(let donation) = try Entry.decode(bytes).body.payload else {
                throw LedgerError(.usage, "\(options.directory): seq \(seq) is not a donation")
            }
            guard case .party(let party) = donation.donor else {
                throw CheckFailed(message: "donation seq \(seq) is anonymous; it names no donor to prove")
            }
            guard party.ref == record.ref else {
                throw CheckFailed(message: "donation seq \(seq) names donor ref \(party.ref), but the record is for \(record.ref)")
            }
            guard let commitment = donation.commitment else {
                throw CheckFailed(message: "donation seq \(seq) carries no commitment")
            }
            guard record.verify(commitment: commitment) else {
                throw CheckFailed(message: "commitment \(commitment) of donation seq \(seq) does not match the record \(recordFile) (its commitment is \(record.commitment))")
            }
            Terminal.line("ok: commitment \(commitment) of donation seq \(seq) matches the record")
        }

        private func find(in reader: any ProofLog) throws -> (UInt64, [UInt8]) {
            if let seq = UInt64(entry) { return (seq, try reader.entryBytes(seq: seq)) }
            guard let seq = try reader.seq(id: entry) else {
                throw LedgerError(.usage, "\(options.directory): no entry with id \(PersonalData.quotable(entry))")
            }
            return (seq, try reader.entryBytes(seq: seq))
        }
    }
}
