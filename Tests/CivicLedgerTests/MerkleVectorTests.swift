import Foundation
import Testing
@testable import CivicLedger

/// Runs every RFC 6962 proof vector from transparency-dev/merkle in Tests/Vectors.
@Suite struct MerkleVectorTests {
    static let expectedFileCount = 196

    struct InclusionVector: Decodable {
        let leafIdx: UInt64
        let treeSize: UInt64
        let root: String
        let leafHash: String
        let proof: [String]?
        let wantErr: Bool
    }

    struct ConsistencyVector: Decodable {
        let size1: UInt64
        let size2: UInt64
        let root1: String
        let root2: String
        let proof: [String]?
        let wantErr: Bool
    }

    /// `Tests/Vectors/rfc6962`, committed with the repository.
    static var vectorsFolder: URL {
        SharedVectors.directory.appendingPathComponent("rfc6962")
    }

    @Test func merkleVectorsAllAgree() throws {
        let folder = Self.vectorsFolder
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory)
        try #require(exists && isDirectory.boolValue, "vector folder missing: \(folder.path)")
        let files = try Self.jsonFiles(under: folder)
        var accepted = 0
        var rejected = 0
        for relativePath in files {
            let data = try Data(contentsOf: folder.appendingPathComponent(relativePath))
            let (wantErr, isAccepted) = try Self.run(relativePath: relativePath, data: data)
            #expect(isAccepted == !wantErr, "\(relativePath): accepted \(isAccepted), wantErr \(wantErr)")
            if isAccepted { accepted += 1 } else { rejected += 1 }
        }
        #expect(files.count == Self.expectedFileCount)
        #expect(accepted == 12)
        #expect(rejected == Self.expectedFileCount - 12)
        #expect(accepted > 0 && rejected > 0)
    }

    static func jsonFiles(under folder: URL) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else {
            throw LedgerError(.usage, "cannot list \(folder.path)")
        }
        var files = [String]()
        while let path = enumerator.nextObject() as? String {
            if path.hasSuffix(".json") { files.append(path) }
        }
        return files.sorted()
    }

    /// Returns the vector's wantErr and whether our code accepted it.
    static func run(relativePath: String, data: Data) throws -> (Bool, Bool) {
        if relativePath.hasPrefix("inclusion/") {
            let vector = try JSONDecoder().decode(InclusionVector.self, from: data)
            return (vector.wantErr, accepts(vector))
        }
        try #require(relativePath.hasPrefix("consistency/"), "unexpected vector \(relativePath)")
        let vector = try JSONDecoder().decode(ConsistencyVector.self, from: data)
        return (vector.wantErr, accepts(vector))
    }

    /// Any field that does not fit our types (a hash of the wrong length, a number beyond
    /// Int64) makes the vector rejected, exactly as the wire decoder would.
    static func accepts(_ vector: InclusionVector) -> Bool {
        guard let index = Int64(exactly: vector.leafIdx),
              let treeSize = Int64(exactly: vector.treeSize),
              let root = Hash32(base64: vector.root),
              let leafHash = Hash32(base64: vector.leafHash),
              let proof = decodeProof(vector.proof) else { return false }
        do {
            try MerkleProof.verifyInclusion(leafHash: leafHash, index: index, treeSize: treeSize, proof: proof, root: root)
            return true
        } catch {
            #expect((error as? LedgerError)?.code == .invalidProof)
            return false
        }
    }

    static func accepts(_ vector: ConsistencyVector) -> Bool {
        guard let size1 = Int64(exactly: vector.size1),
              let size2 = Int64(exactly: vector.size2),
              let root1 = Base64.decode(vector.root1),
              let root2 = Base64.decode(vector.root2) else { return false }
        var proof: [[UInt8]] = []
        for text in vector.proof ?? [] {
            guard let bytes = Base64.decode(text) else { return false }
            proof.append(bytes)
        }
        do {
            try MerkleProof.verifyConsistency(size1: size1, size2: size2, proof: proof, root1: root1, root2: root2)
            return true
        } catch {
            #expect((error as? LedgerError)?.code == .invalidProof)
            return false
        }
    }

    /// A JSON null proof is an empty proof; any element that is not a 32-byte hash fails.
    static func decodeProof(_ texts: [String]?) -> [Hash32]? {
        var proof = [Hash32]()
        for text in texts ?? [] {
            guard let hash = Hash32(base64: text) else { return nil }
            proof.append(hash)
        }
        return proof
    }
}
