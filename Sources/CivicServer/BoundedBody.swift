import Hummingbird

/// Reads a request body, refusing it (413) as soon as it passes `byteCountMax`: by its
/// declared Content-Length before any byte is read, else while the bytes arrive.
enum BoundedBody {
    static func read(_ request: Request, byteCountMax: Int) async throws -> [UInt8] {
        let tooLarge = APIError(.contentTooLarge, "the body is over the \(byteCountMax)-byte limit")
        if let declared = request.headers[.contentLength], let length = Int(declared), length > byteCountMax { throw tooLarge }
        var bytes: [UInt8] = []
        for try await buffer in request.body {
            guard buffer.readableBytes <= byteCountMax - bytes.count else { throw tooLarge }
            bytes.append(contentsOf: buffer.readableBytesView)
        }
        return bytes
    }
}
