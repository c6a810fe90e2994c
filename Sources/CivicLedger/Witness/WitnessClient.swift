import Foundation

/// The log's side of C2SP tlog-witness: asks one witness to cosign a checkpoint, written
/// from the spec (c2sp.org/tlog-witness, add-checkpoint), not from our witness server.
public struct WitnessClient: Sendable {
    /// What the witness said.
    public enum Reply: Equatable, Sendable {
        /// 200: its valid cosignature line(s) over the checkpoint (lines by other keys dropped).
        case cosigned([SignedNote.Signature])
        /// 409: the size it last cosigned, from which the proof must start.
        case conflict(latestSize: UInt64)
    }

    /// The submission prefix: requests go to `<prefix>/add-checkpoint`.
    public let prefix: URL
    public let key: CosignatureVerifier
    let http: HTTPClient

    /// The witness's answer is small (signature lines or a size): anything larger is refused.
    public static let responseByteCountMax = 1 << 16

    public init(prefix: URL, key: CosignatureVerifier, timeoutSeconds: Double = 10) {
        self.prefix = prefix
        self.key = key
        http = HTTPClient(timeoutSeconds: timeoutSeconds, responseByteCountMax: WitnessClient.responseByteCountMax)
    }

    /// `URL=WVKEY`, as `--witness` takes it: the submission prefix and the witness's
    /// cosignature verifier key (the key string, or a file holding it, read by the caller).
    public static func split(_ text: String) throws -> (url: URL, key: String) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex, text.index(after: equals) != text.endIndex else {
            throw LedgerError(.usage, "--witness must be URL=WVKEY (the witness's submission URL and its verifier key)")
        }
        return (try HTTPClient.url(String(text[..<equals])), String(text[text.index(after: equals)...]))
    }

    /// The request body: `old N`, one base64 hash a line, an empty line, the signed note.
    public static func body(note: SignedNote, oldSize: UInt64, proof: [Hash32]) -> [UInt8] {
        var head = "old \(oldSize)\n"
        for hash in proof { head += hash.base64 + "\n" }
        return Array((head + "\n" + note.serialized).utf8)
    }

    /// One add-checkpoint request. Throws `.io` when the witness cannot be reached or
    /// answers anything the spec does not allow, `.invalidNote` when a cosignature by its key
    /// does not verify, and `.refused` for its 4xx refusals (naming the status).
    public func add(note: SignedNote, oldSize: UInt64, proof: [Hash32]) async throws -> Reply {
        guard proof.count <= AddCheckpointRequest.proofLineCountMax else {
            throw LedgerError(.usage, "a consistency proof of \(proof.count) hashes is over the spec's 63")
        }
        let response = try await http.send(prefix.appendingPathComponent("add-checkpoint"),
                                           body: WitnessClient.body(note: note, oldSize: oldSize, proof: proof),
                                           headers: ["Content-Type": "text/plain; charset=utf-8"])
        switch response.status {
        case 200: return .cosigned(try cosignatures(response.body, note: note))
        case 409: return .conflict(latestSize: try conflictSize(response))
        default:
            throw LedgerError(.refused, "witness \(key.name) answered \(response.status)\(WitnessClient.reason(response.body))")
        }
    }

    /// The lines by this witness's key in a 200 body, each verified over the note's text.
    /// Lines by other keys are ignored (the spec's rule); at least one must be this key's.
    func cosignatures(_ body: [UInt8], note: SignedNote) throws -> [SignedNote.Signature] {
        let lines: SignedNote
        do { lines = try SignedNote.parse(Array((note.text + "\n").utf8) + body) } catch let error as LedgerError {
            throw LedgerError(.io, "witness \(key.name) answered 200 without signature lines: \(error.message)")
        }
        let own = lines.signatures.filter(key.matches)
        guard !own.isEmpty else {
            throw LedgerError(.io, "witness \(key.name) answered 200 with no cosignature by its key \(key.label)")
        }
        for line in own where key.verifiedTimestamp(line, text: note.text) == nil {
            throw LedgerError(.invalidNote, "the cosignature by \(key.label) does not verify over the checkpoint")
        }
        return own
    }

    /// A 409's body: the decimal size and a newline, as `text/x.tlog.size`.
    func conflictSize(_ response: HTTPClient.Response) throws -> UInt64 {
        let type = response.header("content-type")?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces)
        let text = String(decoding: response.body, as: UTF8.self)
        guard type == "text/x.tlog.size", text.hasSuffix("\n"), let size = UInt64(text.dropLast()),
              String(size) + "\n" == text else {
            throw LedgerError(.io, "witness \(key.name) answered 409 without a text/x.tlog.size body")
        }
        return size
    }

    /// The start of a refusal's body as plain printable ASCII, or nothing.
    static func reason(_ body: [UInt8]) -> String {
        let text = String(body.prefix(160).map { $0 >= 0x20 && $0 < 0x7f ? Character(UnicodeScalar($0)) : " " })
            .trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? "" : ": \(text)"
    }
}
