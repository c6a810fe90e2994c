import CivicLedger
import Hummingbird

/// The public reads, no token: checkpoint, tiles, entries, receipts, proofs. Each reads a
/// fresh view of the ledger (`HostedLedger.read`), so it sees exactly what the newest
/// checkpoint covers; nothing under `private/` (or a database's tokens) has a route.
struct ReadRoutes: Sendable {
    let ledgers: [String: HostedLedger]
    /// Longer ids are refused before any lookup (entry ids are far shorter).
    static let idByteCountMax = 256

    static func ledger(named name: String?, in ledgers: [String: HostedLedger]) throws -> HostedLedger {
        guard let name, let ledger = ledgers[name] else { throw APIError(.notFound, "no such ledger") }
        return ledger
    }

    func checkpoint(_ request: Request, context: some RequestContext) throws -> Response {
        let bytes = try ReadRoutes.ledger(named: context.parameters.get("ledger"), in: ledgers).read { reader in
            try reader.checkpointBytes(size: reader.size)
        }
        return Responses.bytes(bytes, contentType: "text/plain; charset=utf-8")
    }

    /// The newest kept checkpoint that a quorum of the configured witnesses cosigned (404
    /// without `--witness`, or before any checkpoint is witnessed).
    func witnessedCheckpoint(_ request: Request, context: some RequestContext) throws -> Response {
        let ledger = try ReadRoutes.ledger(named: context.parameters.get("ledger"), in: ledgers)
        guard let cosigner = ledger.cosigner else { throw APIError(.notFound, "this server asks no witnesses (no --witness)") }
        guard let size = cosigner.witnessedSize else {
            throw APIError(.notFound, "no checkpoint carries \(cosigner.quorum) witnesses' cosignatures yet")
        }
        return Responses.bytes(try ledger.read { try $0.checkpointBytes(size: size) }, contentType: "text/plain; charset=utf-8")
    }

    /// `tile/<L>/<N>[.p/<W>]` and `tile/entries/<N>[.p/<W>]`; full tiles never change, so
    /// they are served as immutable.
    func tile(_ request: Request, context: some RequestContext) throws -> Response {
        let ledger = try ReadRoutes.ledger(named: context.parameters.get("ledger"), in: ledgers)
        let rest = context.parameters.getCatchAll().joined(separator: "/")
        guard rest.utf8.count <= 128, let tile = TilePath(path: "tile/" + rest) else {
            throw APIError(.notFound, "not a tile path (C2SP tlog-tiles)")
        }
        guard let bytes = try ledger.read({ try $0.tileBytes(tile) }) else {
            throw APIError(.notFound, "the newest checkpoint does not cover \(tile.path)")
        }
        return Responses.bytes(bytes, contentType: "application/octet-stream",
                               cacheControl: tile.isFull ? "public, max-age=31536000, immutable" : "no-cache")
    }

    /// The entry's canonical line.
    func entry(_ request: Request, context: some RequestContext) throws -> Response {
        let bytes = try lookup(context) { reader, seq in try reader.entryBytes(seq: seq) }
        return Responses.bytes(bytes + [0x0a], contentType: "application/json")
    }

    /// The receipt file `civic verify-receipt` checks: against the newest witnessed
    /// checkpoint when one covers the entry (so it carries the cosignatures), else the newest.
    func receipt(_ request: Request, context: some RequestContext) throws -> Response {
        let witnessed = try ReadRoutes.ledger(named: context.parameters.get("ledger"), in: ledgers).cosigner?.witnessedSize
        let text = try lookup(context) { reader, seq in
            let kind = try Entry.decode(try reader.entryBytes(seq: seq)).body.kind
            guard kind == .donation || kind == .contribution else {
                throw APIError(.notFound, "entry \(seq) is a \(kind.rawValue); receipts are for donations and contributions")
            }
            let size = witnessed.flatMap { $0 > seq && $0 <= reader.size ? $0 : nil }
            return try DonorReceipt.make(reader: reader, seq: seq, size: size).text
        }
        return Responses.bytes(Array(text.utf8), contentType: "text/plain; charset=utf-8")
    }

    /// A C2SP tlog-proof of entry SEQ against the kept checkpoint of `size` (default newest).
    func proof(_ request: Request, context: some RequestContext) throws -> Response {
        let ledger = try ReadRoutes.ledger(named: context.parameters.get("ledger"), in: ledgers)
        guard let seq = ReadRoutes.number(context.parameters.get("seq")) else {
            throw APIError(.badRequest, "the seq must be decimal digits")
        }
        let asked = try request.uri.queryParameters["size"].map { text in
            guard let parsed = ReadRoutes.number(String(text)) else { throw APIError(.badRequest, "size must be decimal digits") }
            return parsed
        }
        let text = try ledger.read { reader in
            var size = reader.size
            if let asked {
                guard asked <= reader.size, reader.checkpointSizes.contains(asked) else {
                    throw APIError(.notFound, "there is no kept checkpoint at size \(asked)")
                }
                size = asked
            }
            guard seq < size else { throw APIError(.notFound, "seq \(seq) is not covered by the checkpoint at size \(size)") }
            return try TlogProof.make(reader: reader, seq: seq, size: size).text
        }
        return Responses.bytes(Array(text.utf8), contentType: "text/plain; charset=utf-8")
    }

    /// Runs `body` with the ledger and the seq of entry ID (404 when there is none, 400 for
    /// a malformed id).
    private func lookup<Value>(_ context: some RequestContext, _ body: (any ProofLog, UInt64) throws -> Value) throws -> Value {
        let ledger = try ReadRoutes.ledger(named: context.parameters.get("ledger"), in: ledgers)
        guard let id = context.parameters.get("id") else { throw APIError(.notFound, "no entry id") }
        guard !id.isEmpty, id.utf8.count <= ReadRoutes.idByteCountMax else { throw APIError(.badRequest, "not an entry id") }
        return try ledger.read { reader in
            // The id index (a database's is its own) is updated before a write is
            // acknowledged, so an acknowledged entry is always found through it.
            guard let seq = try reader.indexedSeq(id: id) else { throw APIError(.notFound, "no entry with that id") }
            return try body(reader, seq)
        }
    }

    /// Canonical decimal digits (no sign, no leading zeros), within UInt64.
    static func number(_ text: String?) -> UInt64? {
        guard let text, text.utf8.count <= 20, let value = UInt64(text), String(value) == text else { return nil }
        return value
    }
}

extension ReadRoutes {
    /// The key chain proof (`civicledger.keys/v1`) of the tree of `size` (default newest):
    /// what a witness fetches to follow a key rotation. 404 when that tree holds no key entry.
    func keyChain(_ request: Request, context: some RequestContext) throws -> Response {
        let ledger = try ReadRoutes.ledger(named: context.parameters.get("ledger"), in: ledgers)
        let asked = try request.uri.queryParameters["size"].map { text in
            guard let parsed = ReadRoutes.number(String(text)) else { throw APIError(.badRequest, "size must be decimal digits") }
            return parsed
        }
        let text = try ledger.read { reader in
            let size = asked ?? reader.size
            guard size <= reader.size else { throw APIError(.notFound, "the newest checkpoint does not cover size \(size)") }
            guard let proof = try KeyChainProof.make(reader: reader, treeSize: size) else {
                throw APIError(.notFound, "the tree of size \(size) holds no key entry")
            }
            return proof.text
        }
        return Responses.bytes(Array(text.utf8), contentType: "text/plain; charset=utf-8")
    }
}
