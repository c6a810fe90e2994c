// Fuzz target `proof`: TlogProof.parse, ConsistencyProofFile.parse and DonorReceipt.parse
// on the same bytes. A parsed file must print back to its input and must never verify
// under keys that signed nothing; verification under the seed ledger's key runs the
// Merkle checks on mutated hashes and may succeed or fail.
import CivicLedger

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    let strangers = [strangerVerifier, impostorVerifier]
    rejecting {
        let proof = try TlogProof.parse(text)
        guard proof.text == text else { finding("tlog-proof does not print back to its text") }
        let leaf = MerkleHasher().leafHash(Array(text.utf8.prefix(64)))
        for stranger in strangers where (try? proof.verify(leafHash: leaf, verifiers: [stranger])) != nil {
            finding("tlog-proof verified under a stranger's key")
        }
        if (try? proof.verify(leafHash: leaf, verifiers: strangers)) != nil { finding("tlog-proof verified under two keys at once") }
        _ = try? proof.verify(leafHash: leaf, verifiers: [seedVerifier])
    }
    rejecting {
        let file = try ConsistencyProofFile.parse(text)
        guard file.text == text else { finding("consistency proof does not print back to its text") }
        for stranger in strangers where (try? file.verify(pinned: stranger)) != nil {
            finding("consistency proof verified under a stranger's key")
        }
        _ = try? file.verify(pinned: seedVerifier)
    }
    rejecting {
        let receipt = try DonorReceipt.parse(bytes)
        if (try? receipt.verify(verifiers: strangers)) != nil { finding("receipt verified under a stranger's key") }
        _ = try? receipt.verify(verifiers: [seedVerifier])
    }
    return 0
}
