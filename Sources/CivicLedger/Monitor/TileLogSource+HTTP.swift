import Foundation

extension TileLogSource {
    /// A tlog-tiles log over HTTP: `civic serve`'s `http://HOST:PORT/ledgers/NAME`, or any
    /// static host of a `civic publish` directory. Reads go through the one `HTTPClient`
    /// (bounded bodies, a timeout, no redirects); 404 is "absent", any other non-200 an error.
    public init(url text: String, client: HTTPClient = HTTPClient(responseByteCountMax: TileLogSource.byteCountMax)) throws {
        let base = try HTTPClient.url(text.hasSuffix("/") ? String(text.dropLast()) : text)
        let name = base.absoluteString
        self.init(name: name) { path in
            guard let url = URL(string: name + "/" + path) else { preconditionFailure("tile paths are URL-safe") }
            let response = try client.get(url)
            switch response.status {
            case 200: return response.body
            case 404: return nil
            default: throw LedgerError(.io, "\(name)/\(path): HTTP status \(response.status)")
            }
        }
    }
}
