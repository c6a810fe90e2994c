import Foundation

/// The interoperability vectors committed in Tests/Vectors (see its README for sources and licences).
enum SharedVectors {
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var directory: URL {
        packageRoot.appendingPathComponent("Tests/Vectors")
    }

    static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(relativePath))
    }
}
