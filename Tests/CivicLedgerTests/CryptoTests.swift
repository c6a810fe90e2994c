import Testing
@testable import CivicLedger

@Suite struct CryptoTests {
    @Test func sha256KnownAnswers() {
        #expect(SHA256.hash([]).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hash(Array("abc".utf8)).hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func sha256StreamingEqualsOneShot() {
        let message = (0..<1000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let hasher = SHA256()
        hasher.update(message[0..<13])
        hasher.update(message[13..<500])
        hasher.update(message[500...])
        #expect(hasher.finish() == SHA256.hash(message))
        // The context resets after finish, so it can be reused.
        hasher.update(Array("abc".utf8))
        #expect(hasher.finish() == SHA256.hash(Array("abc".utf8)))
    }

    @Test func ed25519RFC8032TestVector1() throws {
        let seed = Hex.decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")!
        let key = try Ed25519.PrivateKey(seed: seed)
        #expect(Hex.encode(key.publicKey.bytes) == "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
        let signature = try key.signature(for: [])
        #expect(Hex.encode(signature) == "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")
        #expect(key.publicKey.isValidSignature(signature, for: []))
        var flipped = signature
        flipped[10] ^= 0x01
        #expect(!key.publicKey.isValidSignature(flipped, for: []))
        #expect(!key.publicKey.isValidSignature(signature, for: [0]))
        #expect(!key.publicKey.isValidSignature(Array(signature.prefix(63)), for: []))
    }

    @Test func generatedKeysDiffer() throws {
        let first = try Ed25519.PrivateKey.generate()
        let second = try Ed25519.PrivateKey.generate()
        #expect(first.publicKey != second.publicKey)
        let message = Array("checkpoint".utf8)
        #expect(second.publicKey.isValidSignature(try second.signature(for: message), for: message))
        #expect(!first.publicKey.isValidSignature(try second.signature(for: message), for: message))
    }

    @Test func base64IsStrict() {
        #expect(Base64.encode(Array("foob".utf8)) == "Zm9vYg==")
        #expect(Base64.decode("Zm9vYg==") == Array("foob".utf8))
        #expect(Base64.decode("Zm9vYh==") == nil, "non-zero trailing bits")
        #expect(Base64.decode("Zm9vYg") == nil, "missing padding")
        #expect(Base64.decode("Zm9v\nYg==") == nil, "whitespace")
        #expect(Base64.decode("Zm=vYg==") == nil, "padding in the middle")
        for length in 0..<10 {
            let bytes = (0..<length).map { UInt8($0 * 37 & 0xff) }
            #expect(Base64.decode(Base64.encode(bytes)) == bytes)
        }
    }
}
