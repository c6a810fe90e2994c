/// Whole-file reads of user-supplied inputs (`--checkpoint`, `--vkey`, receipts, proofs,
/// rule files, donor records, import files; `-` is standard input). The size is bounded
/// before anything is read, and every failure is one `.usage` error naming the path and
/// saying plainly what is wrong (no such file, permission denied, is a directory, too large).
public enum InputFile {
    public static func read(_ path: String, limit: Int) throws -> [UInt8] {
        if path == "-" { return try FileHandle.readStream(0, name: "standard input", limit: limit) }
        return try FileHandle.openForReading(path, code: .usage).readAll(limit: limit, code: .usage)
    }
}
