import ArgumentParser

/// `--force`: lets `--out` replace an existing file (never one inside a ledger directory).
struct ForceOption: ParsableArguments {
    @Flag(help: "Replace the --out file if it exists (a file inside a ledger directory is refused even so).")
    var force = false
}
