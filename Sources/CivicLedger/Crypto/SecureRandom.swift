import COpenSSL

/// Cryptographically secure random bytes from OpenSSL's DRBG.
public enum SecureRandom {
    public static func bytes(_ count: Int) throws -> [UInt8] {
        precondition(count >= 0 && count <= 1 << 20, "random request out of range")
        var out = [UInt8](repeating: 0, count: count)
        let status = out.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32(count)) }
        guard status == 1 else {
            ERR_clear_error()
            throw LedgerError(.crypto, "OpenSSL RAND_bytes failed: no secure randomness available")
        }
        return out
    }
}
