/// The body of a C2SP tlog-witness `add-checkpoint` request, as the witness reads it:
///
///     old <size>\n
///     <base64 consistency-proof hash>\n      (0 … 63 lines)
///     \n
///     <signed checkpoint note>
///
/// Anything else is malformed (the witness answers 400). The log side writes this body in
/// `WitnessClient`, from the spec, not from this parser.
public struct AddCheckpointRequest: Sendable {
    /// The spec's bound on proof lines.
    public static let proofLineCountMax = 63
    /// The largest body a witness reads: the old-size line, 63 proof lines and a note.
    public static let byteCountMax = 32 + proofLineCountMax * 45 + 1 + SignedNote.byteCountMax

    public let oldSize: UInt64
    public let proof: [Hash32]
    public let note: SignedNote
    public let checkpoint: Checkpoint

    /// Parses `body` strictly; a refusal is always `.malformed` and names the part at fault.
    public init(body: [UInt8]) throws(AddCheckpointRefusal) {
        guard body.count <= AddCheckpointRequest.byteCountMax else {
            throw .malformed("the body is \(body.count) bytes, over the \(AddCheckpointRequest.byteCountMax)-byte limit")
        }
        guard let split = AddCheckpointRequest.firstBlankLine(body) else {
            throw .malformed("the body has no empty line before the checkpoint")
        }
        let head = body[..<split]
        guard head.allSatisfy({ $0 >= 0x20 && $0 < 0x7f || $0 == 0x0a }) else {
            throw .malformed("the old-size and proof lines must be printable ASCII")
        }
        let lines = head.split(separator: 0x0a, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        oldSize = try AddCheckpointRequest.oldSize(lines[0])
        let proofLines = lines.dropFirst()
        guard proofLines.count <= AddCheckpointRequest.proofLineCountMax else {
            throw .malformed("\(proofLines.count) consistency-proof lines, more than \(AddCheckpointRequest.proofLineCountMax)")
        }
        proof = try proofLines.enumerated().map { index, line throws(AddCheckpointRefusal) in
            guard let hash = Hash32(base64: line) else {
                throw .malformed("proof line \(index + 1) is not the base64 of a 32-byte hash")
            }
            return hash
        }
        do {
            note = try SignedNote.parse(Array(body[(split + 2)...]))
            checkpoint = try Checkpoint(text: note.text)
        } catch let error as LedgerError {
            throw .malformed("the checkpoint: \(error.message)")
        } catch {
            throw .malformed("the checkpoint cannot be read")
        }
    }

    /// `old N`: decimal without leading zeros (0 is `0`).
    private static func oldSize(_ line: String) throws(AddCheckpointRefusal) -> UInt64 {
        let prefix = "old "
        guard line.hasPrefix(prefix) else { throw .malformed("the first line is not \"old <size>\"") }
        let digits = line.dropFirst(prefix.count)
        guard digits.utf8.count <= 20, let size = UInt64(digits), String(size) == digits else {
            throw .malformed("the old size is not a decimal number without leading zeros")
        }
        return size
    }

    /// The index of the first newline of the first "\n\n" (the end of the proof lines).
    private static func firstBlankLine(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == 0x0a && bytes[index + 1] == 0x0a { return index }
            index += 1
        }
        return nil
    }
}

/// Why a witness does not cosign, one case for each answer of C2SP tlog-witness.
public enum AddCheckpointRefusal: Error, Equatable, Sendable {
    /// 400: the body is malformed, or the old size is larger than the checkpoint's.
    case malformed(String)
    /// 403: no signature by a key trusted for the origin verifies.
    case notSigned(String)
    /// 404: the witness does not know the checkpoint's origin.
    case unknownOrigin
    /// 409: the old size is not the size this witness last cosigned, which is given.
    case conflict(latestSize: UInt64)
    /// 422: the checkpoint is not consistent with the one last cosigned (a bad proof, or
    /// another root at the same size).
    case inconsistent(String)

    /// The HTTP status the spec gives this refusal.
    public var status: Int {
        switch self {
        case .malformed: 400
        case .notSigned: 403
        case .unknownOrigin: 404
        case .conflict: 409
        case .inconsistent: 422
        }
    }

    /// One line for the response body and logs; it never quotes the request.
    public var message: String {
        switch self {
        case .malformed(let why): "malformed add-checkpoint request: \(why)"
        case .notSigned(let why): "not signed by a trusted key of the log: \(why)"
        case .unknownOrigin: "this witness does not know the checkpoint's origin"
        case .conflict(let size): "the old size is not the last size this witness cosigned, \(size)"
        case .inconsistent(let why): "the checkpoint is not consistent with the one this witness last cosigned: \(why)"
        }
    }
}
