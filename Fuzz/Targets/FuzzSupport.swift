// Shared by every fuzz target (compiled into each fuzzer next to its target file).
import CivicLedger

/// A finding: the fuzzer stops here and keeps the input (a trap, like any crash).
func finding(_ message: String) -> Never {
    fatalError("fuzz finding: \(message)")
}

/// A fixed key that signed nothing in the corpus: verification under it must always fail.
let strangerVerifier: NoteVerifier = {
    let key = try! Ed25519.PrivateKey(seed: [UInt8](repeating: 0x5a, count: Ed25519.seedByteCount))
    return try! NoteVerifier(name: "ledger.example.org/fuzz", publicKey: key.publicKey)
}()

/// The same origin as the seed ledger, with a different key: must fail too.
let impostorVerifier: NoteVerifier = {
    let key = try! Ed25519.PrivateKey(seed: [UInt8](repeating: 0xa5, count: Ed25519.seedByteCount))
    return try! NoteVerifier(name: "ledger.example.org/fuzz-seed", publicKey: key.publicKey)
}()

/// The seed ledger's real verifier key (Fuzz/corpus/README.md): proofs built from the seed
/// corpus verify under it, so mutations reach the Merkle checks.
let seedVerifier: NoteVerifier = try! NoteVerifier(vkey: seedVerifierKey)

/// Runs `body`, treating a thrown error as an ordinary rejection.
@inline(__always)
func rejecting(_ body: () throws -> Void) {
    do { try body() } catch {}
}
