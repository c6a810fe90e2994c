import ArgumentParser
import CivicLedger
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a ledger: its genesis entry and first signed checkpoint. Prints the verifier key.",
        discussion: "When --key names a file that does not exist, a new key named after the origin is created there (mode 0600).")

    @Argument(help: "Directory for the new ledger (absent or empty), or postgresql://USER@HOST:PORT/DB?ledger=NAME.")
    var directory: String

    @Option(help: "Checkpoint origin, e.g. ledger.example.org/foundation; also the key's name.")
    var origin: String

    @Option(name: .customLong("org-name"), help: "The organisation's registered name.")
    var orgName: String

    @Option(help: "The organisation's 18-character unified social credit code.")
    var uscc: String

    @Option(name: .customLong("org-type"), help: "foundation, social-group, social-service, enterprise, insurer or other.")
    var orgType: String

    @Flag(name: .customLong("public-fundraising"), help: "The organisation holds public-fundraising status.")
    var publicFundraising = false

    @Option(name: .customLong("net-assets"), help: "Net assets at the start, as a decimal amount in --currency.")
    var netAssets: String?

    @Option(help: "The ledger's base currency (ISO 4217).")
    var currency: String = "CNY"

    @Option(help: "The ledger's private key file; created when absent.")
    var key: String

    @Option(help: "Entry id of the genesis.")
    var id: String = "genesis"

    func run() throws {
        // Refuse a used directory before a key file is created for nothing.
        var isDirectory: ObjCBool = false
        if !LedgerLocation.isDatabase(directory), FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw LedgerError(.notALedger, "\(directory) exists and is not a directory")
            }
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
                throw LedgerError.fileFailure(directory, "listed", error)
            }
            guard names.isEmpty else {
                throw LedgerError(.notALedger, "\(directory) is not empty; a new ledger needs a new or empty directory")
            }
        }
        // Checked before a key is made for it, so a refused origin leaves no key file behind.
        if let problem = EntryBody.originProblem(origin) { throw LedgerError(.usage, "--origin \(problem)") }
        let (signer, isNewKey) = try loadOrGenerateKey()
        var org: [String: JSONValue] = [
            "name": .string(orgName), "uscc": .string(uscc), "type": .string(orgType),
            "public_fundraising": .bool(publicFundraising),
        ]
        if let netAssets {
            let money = try Money.parseDecimal(netAssets, currency: try Currency.named(currency))
            org["net_assets"] = money.json
        }
        let fields: [String: JSONValue] = [
            "kind": .string("genesis"), "id": .string(id), "date": .string(CivilDate.today().text),
            "org": .object(org), "origin": .string(origin), "vkey": .string(signer.verifier.vkey),
            "currency": .string(currency),
        ]
        let genesis = try EntryBody(writerJSON: .object(fields))
        // The key file is written only once the genesis is valid, and removed again when
        // the ledger cannot be created: a failed init leaves nothing behind.
        if isNewKey { try KeyFile.create(signer, at: key) }
        let checkpoint: Checkpoint
        do {
            checkpoint = try create(genesis: genesis, signer: signer)
        } catch {
            guard isNewKey else { throw error }
            do { try FileManager.default.removeItem(atPath: key) } catch let removal {
                throw LedgerError(.io, "\(InitCommand.message(error)); the new key file \(key) could not be removed either (\(removal))")
            }
            throw error
        }
        Terminal.line(signer.verifier.vkey)
        Terminal.note("created \(directory) for \(origin); checkpoint size \(checkpoint.size), root \(checkpoint.root.base64)")
    }

    /// Creates the ledger in its directory, or in the database (creating or migrating the
    /// schema first), and returns its first checkpoint.
    private func create(genesis: EntryBody, signer: NoteSigner) throws -> Checkpoint {
        guard LedgerLocation.isDatabase(directory) else {
            return try LedgerWriter.create(directory: directory, genesis: genesis, signer: signer).1.checkpoint
        }
        let (store, remove) = try LedgerLocation.createStore(directory)
        LedgerLocation.noteMigration(store)
        do {
            let result = try StoreAppender(writer: try store.openWriter(), signer: signer).append([genesis])
            return try Checkpoint(text: result.checkpoint!.text)
        } catch {
            try remove()
            throw error
        }
    }

    private static func message(_ error: Error) -> String {
        (error as? LedgerError)?.message ?? String(describing: error)
    }

    /// The key in `--key`, or a new one (not yet written) and true.
    private func loadOrGenerateKey() throws -> (NoteSigner, Bool) {
        if FileManager.default.fileExists(atPath: key) {
            let signer = try KeyFile.load(key)
            guard signer.name == origin else {
                throw LedgerError(.invalidKey, "\(key) is the key of \(signer.name), not of origin \(origin)")
            }
            return (signer, false)
        }
        return (try NoteSigner.generate(name: origin), true)
    }
}
