import COpenSSL

/// Ed25519 (RFC 8032) through OpenSSL's EVP_PKEY interface.
public enum Ed25519 {
    public static let seedByteCount = 32
    public static let publicKeyByteCount = 32
    public static let signatureByteCount = 64

    /// A public key: 32 bytes, as in the verifier-key strings of signed notes.
    public struct PublicKey: Hashable, Sendable {
        public let bytes: [UInt8]

        public init(bytes: [UInt8]) throws {
            guard bytes.count == Ed25519.publicKeyByteCount else {
                throw LedgerError(.invalidKey, "an Ed25519 public key is 32 bytes, not \(bytes.count)")
            }
            self.bytes = bytes
        }

        /// True only when `signature` is a valid signature of `message` under this key.
        public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
            guard signature.count == Ed25519.signatureByteCount else { return false }
            guard let key = bytes.withUnsafeBufferPointer({
                EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, $0.baseAddress, $0.count)
            }) else {
                ERR_clear_error()
                return false
            }
            defer { EVP_PKEY_free(key) }
            guard let context = EVP_MD_CTX_new() else { preconditionFailure("EVP_MD_CTX_new failed: out of memory") }
            defer { EVP_MD_CTX_free(context) }
            guard EVP_DigestVerifyInit(context, nil, nil, nil, key) == 1 else {
                ERR_clear_error()
                return false
            }
            let status = signature.withUnsafeBufferPointer { sig in
                message.withUnsafeBufferPointer { msg in
                    EVP_DigestVerify(context, sig.baseAddress, sig.count, msg.baseAddress, msg.count)
                }
            }
            ERR_clear_error()
            return status == 1
        }
    }

    /// A private key held as its 32-byte seed. The seed lives in one heap buffer that is
    /// cleansed when the key is released; it is never copied into a Swift array that
    /// could outlive the key, except on purpose by `withSeed`.
    public final class PrivateKey: @unchecked Sendable {
        private let seed: UnsafeMutableBufferPointer<UInt8>
        public let publicKey: PublicKey

        public init(seed: [UInt8]) throws {
            guard seed.count == Ed25519.seedByteCount else {
                throw LedgerError(.invalidKey, "an Ed25519 private key seed is 32 bytes, not \(seed.count)")
            }
            let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: Ed25519.seedByteCount)
            _ = buffer.initialize(from: seed)
            self.seed = buffer
            do {
                self.publicKey = try PrivateKey.derivePublicKey(buffer)
            } catch {
                OPENSSL_cleanse(buffer.baseAddress, buffer.count)
                buffer.deallocate()
                throw error
            }
        }

        /// A new key from OpenSSL's secure random generator.
        public static func generate() throws -> PrivateKey {
            var seed = try SecureRandom.bytes(Ed25519.seedByteCount)
            defer { seed.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) } }
            return try PrivateKey(seed: seed)
        }

        deinit {
            OPENSSL_cleanse(seed.baseAddress, seed.count)
            seed.deallocate()
        }

        /// Lends the seed to `body`, which must not keep it.
        public func withSeed<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
            try body(UnsafeBufferPointer(seed))
        }

        public func signature(for message: [UInt8]) throws -> [UInt8] {
            let key = try PrivateKey.makeKey(seed)
            defer { EVP_PKEY_free(key) }
            guard let context = EVP_MD_CTX_new() else { preconditionFailure("EVP_MD_CTX_new failed: out of memory") }
            defer { EVP_MD_CTX_free(context) }
            guard EVP_DigestSignInit(context, nil, nil, nil, key) == 1 else {
                throw PrivateKey.opensslError("EVP_DigestSignInit")
            }
            var signature = [UInt8](repeating: 0, count: Ed25519.signatureByteCount)
            var length = signature.count
            let status = signature.withUnsafeMutableBufferPointer { sig in
                message.withUnsafeBufferPointer { msg in
                    EVP_DigestSign(context, sig.baseAddress, &length, msg.baseAddress, msg.count)
                }
            }
            guard status == 1, length == Ed25519.signatureByteCount else {
                throw PrivateKey.opensslError("EVP_DigestSign")
            }
            return signature
        }

        private static func makeKey(_ seed: UnsafeMutableBufferPointer<UInt8>) throws -> OpaquePointer {
            guard let key = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, seed.baseAddress, seed.count) else {
                throw opensslError("EVP_PKEY_new_raw_private_key")
            }
            return key
        }

        private static func derivePublicKey(_ seed: UnsafeMutableBufferPointer<UInt8>) throws -> PublicKey {
            let key = try makeKey(seed)
            defer { EVP_PKEY_free(key) }
            var bytes = [UInt8](repeating: 0, count: Ed25519.publicKeyByteCount)
            var length = bytes.count
            let status = bytes.withUnsafeMutableBufferPointer { EVP_PKEY_get_raw_public_key(key, $0.baseAddress, &length) }
            guard status == 1, length == Ed25519.publicKeyByteCount else {
                throw opensslError("EVP_PKEY_get_raw_public_key")
            }
            return try PublicKey(bytes: bytes)
        }

        private static func opensslError(_ call: String) -> LedgerError {
            let code = ERR_get_error()
            ERR_clear_error()
            return LedgerError(.crypto, "OpenSSL \(call) failed (error \(code))")
        }
    }
}
