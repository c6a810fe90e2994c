/// A donor's receipt: one self-contained text file proving that a donation (or a
/// contribution) is in the ledger, checkable offline with the ledger's verifier key alone.
///
///     civicledger.receipt/v1
///     <gist: "name: value" lines a person reads>
///     <blank line>
///     entry <the entry's exact canonical bytes>
///     genesis <the genesis entry's exact bytes: who keeps the ledger>
///     <the genesis entry's inclusion proof, base64, one hash a line>
///     <blank line>
///     [reversal <the exact bytes of the entry reversing it, when the checkpoint holds one>
///      <its inclusion proof, one hash a line>
///      <blank line>]
///     [trace <the canonical JSON of the donation's trace at the same checkpoint>
///      <blank line>]
///     <C2SP tlog-proof of the entry, ending with the signed checkpoint and any cosignatures>
///
/// The gist is not trusted: verification recomputes it from the entries and requires it to
/// match byte for byte, so an edited amount fails.
public struct DonorReceipt: Equatable, Sendable {
    public static let header = "civicledger.receipt/v1"
    public static let byteCountMax = 1 << 17

    public let gist: [(String, String)]
    public let entry: [UInt8]
    public let genesis: [UInt8]
    public let genesisProof: [Hash32]
    let reversal: ReceiptReversal?
    let receiptTrace: ReceiptTrace?
    public let proof: TlogProof

    /// The donation's trace, when the receipt carries one: the ledger's statement at the
    /// receipt's checkpoint, checked by `verify` only for form and binding (ReceiptTrace).
    public var trace: DonationTrace? { receiptTrace?.trace }

    public static func == (left: DonorReceipt, right: DonorReceipt) -> Bool {
        left.text == right.text
    }

    /// The receipt for the entry at `seq`, against the kept checkpoint at `size` (default:
    /// newest), carrying `trace` when given: it must be the entry's, at that checkpoint.
    public static func make(reader: some ProvableLog, seq: UInt64, size: UInt64? = nil, trace: DonationTrace? = nil) throws -> DonorReceipt {
        let entryBytes = try reader.entryBytes(seq: seq)
        let genesisBytes = try reader.entryBytes(seq: 0)
        let entry = try Entry.decode(entryBytes)
        guard entry.body.kind == .donation || entry.body.kind == .contribution else {
            throw LedgerError(.usage, "seq \(seq) is a \(entry.body.kind.rawValue); receipts are for donations and contributions")
        }
        let proof = try TlogProof.make(reader: reader, seq: seq, size: size)
        let checkpoint = try Checkpoint(text: proof.checkpoint.text)
        let genesisProof = try reader.inclusionProof(seq: 0, treeSize: checkpoint.size)
        let reversal = try ReceiptReversal.find(reader: reader, seq: seq, size: checkpoint.size)
        let gist = try ReceiptGist.lines(entry: entry, genesis: try Entry.decode(genesisBytes), checkpointSize: checkpoint.size,
                                         reversal: try reversal.map { try Entry.decode($0.entry) })
        let receiptTrace = try trace.map { try ReceiptTrace(trace: $0) }
        try receiptTrace?.check(entry: entry, checkpoint: checkpoint, note: proof.checkpoint,
                                reversal: try reversal.map { try Entry.decode($0.entry) })
        let receipt = DonorReceipt(gist: gist, entry: entryBytes, genesis: genesisBytes, genesisProof: genesisProof,
                                   reversal: reversal, receiptTrace: receiptTrace, proof: proof)
        let byteCount = receipt.text.utf8.count
        guard byteCount <= byteCountMax else {
            throw LedgerError(.usage, "the receipt would be \(byteCount) bytes, over the limit of \(byteCountMax): "
                + "its trace has \(trace?.steps.count ?? 0) steps; give the donor civic trace's output instead")
        }
        return receipt
    }

    public var text: String {
        var text = DonorReceipt.header + "\n" + gist.map { "\($0.0): \($0.1)\n" }.joined() + "\n"
        text += "entry " + String(decoding: entry, as: UTF8.self) + "\n"
        text += "genesis " + String(decoding: genesis, as: UTF8.self) + "\n"
        text += genesisProof.map { $0.base64 + "\n" }.joined() + "\n"
        if let reversal {
            text += ReceiptReversal.label + " " + String(decoding: reversal.entry, as: UTF8.self) + "\n"
            text += reversal.proof.map { $0.base64 + "\n" }.joined() + "\n"
        }
        if let receiptTrace {
            text += ReceiptTrace.label + " " + String(decoding: receiptTrace.bytes, as: UTF8.self) + "\n\n"
        }
        return text + proof.text
    }

    public static func parse(_ bytes: [UInt8], name: String = "receipt") throws -> DonorReceipt {
        guard bytes.count <= byteCountMax, let text = String(validating: bytes, as: UTF8.self) else {
            throw LedgerError(.invalidProof, "\(name) is not a receipt (not UTF-8 text or over \(byteCountMax) bytes)")
        }
        var lines = try TextLines(text, name: name)
        try lines.expect(header, "the receipt header")
        var gist: [(String, String)] = []
        while case let line = try lines.next("gist"), !line.isEmpty {
            guard let colon = line.firstRange(of: ": ") else { throw LedgerError(.invalidProof, "\(name): gist line without \": \"") }
            gist.append((String(line[..<colon.lowerBound]), String(line[colon.upperBound...])))
        }
        let entry = try field(&lines, "entry")
        let genesis = try field(&lines, "genesis")
        let genesisProof = try lines.hashes("genesis inclusion proof")
        var reversal: ReceiptReversal?
        if lines.peek()?.hasPrefix(ReceiptReversal.label + " ") == true {
            reversal = ReceiptReversal(entry: try field(&lines, ReceiptReversal.label), proof: try lines.hashes("reversal inclusion proof"))
        }
        var receiptTrace: ReceiptTrace?
        if lines.peek()?.hasPrefix(ReceiptTrace.label + " ") == true {
            receiptTrace = try ReceiptTrace(bytes: try field(&lines, ReceiptTrace.label))
            try lines.expect("", "blank line after the trace")
        }
        let proof = try TlogProof.parse(&lines)
        guard lines.atEnd else { throw LedgerError(.invalidProof, "\(name): text after the checkpoint's signatures") }
        return DonorReceipt(gist: gist, entry: entry, genesis: genesis, genesisProof: genesisProof, reversal: reversal,
                            receiptTrace: receiptTrace, proof: proof)
    }

    private static func field(_ lines: inout TextLines, _ label: String) throws -> [UInt8] {
        let line = try lines.next(label)
        guard line.hasPrefix(label + " ") else { throw LedgerError(.invalidProof, "\(lines.name): expected the \(label) line") }
        return Array(line.dropFirst(label.count + 1).utf8)
    }

    /// Verifies everything against the trusted keys and returns the checkpoint and the
    /// decoded entry; a trace only for its form and its binding to the entry and checkpoint
    /// (ReceiptTrace). Any failure throws `.invalidProof` naming what failed.
    @discardableResult
    public func verify(verifiers: [NoteVerifier]) throws -> (checkpoint: Checkpoint, entry: Entry) {
        let hasher = MerkleHasher()
        let decoded: Entry
        let genesisEntry: Entry
        do {
            decoded = try Entry.decode(entry)
            genesisEntry = try Entry.decode(genesis)
        } catch let error as LedgerError {
            throw LedgerError(.invalidProof, "the receipt's entry is not a valid canonical entry: \(error.message)")
        }
        guard decoded.seq == proof.index else {
            throw LedgerError(.invalidProof, "the entry says seq \(decoded.seq) but the proof is for index \(proof.index)")
        }
        let checkpoint = try proof.verify(leafHash: hasher.leafHash(entry), verifiers: verifiers)
        guard genesisEntry.seq == 0, case .genesis(let details) = genesisEntry.body.payload, details.origin == checkpoint.origin else {
            throw LedgerError(.invalidProof, "the genesis entry is not the genesis of \(checkpoint.origin)")
        }
        try MerkleProof.verifyInclusion(leafHash: hasher.leafHash(genesis), index: 0, treeSize: Int64(checkpoint.size),
                                        proof: genesisProof, root: checkpoint.root)
        let reversed = try reversal?.verify(target: decoded.seq, checkpoint: checkpoint)
        let expected = try ReceiptGist.lines(entry: decoded, genesis: genesisEntry, checkpointSize: checkpoint.size,
                                             reversal: reversed)
        guard expected.map({ "\($0.0): \($0.1)" }) == gist.map({ "\($0.0): \($0.1)" }) else {
            throw LedgerError(.invalidProof, "the receipt's gist does not match its entry (it was edited)")
        }
        try receiptTrace?.check(entry: decoded, checkpoint: checkpoint, note: proof.checkpoint, reversal: reversed)
        return (checkpoint, decoded)
    }
}
