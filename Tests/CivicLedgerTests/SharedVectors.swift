import Foundation

/// Locates ../shared beside the package root, as CI and the sessions lay it out.
enum SharedVectors {
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var directory: URL {
        packageRoot.deletingLastPathComponent().appendingPathComponent("shared/vectors")
    }

    static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(relativePath))
    }
}
