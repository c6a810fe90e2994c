import ArgumentParser

/// Options every ledger-writing command shares.
struct WriterOptions: ParsableArguments {
    @Argument(help: "The ledger directory.")
    var directory: String

    @Option(help: "The ledger's private key file (mode 0600).")
    var key: String
}
