import COpenSSL

/// Wipes secret bytes in a way the optimiser may not remove (OPENSSL_cleanse).
enum Cleanse {
    static func bytes(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        OPENSSL_cleanse(base, buffer.count)
    }
}
