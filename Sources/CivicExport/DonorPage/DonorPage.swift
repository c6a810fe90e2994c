import CivicLedger

/// The donor page `civic publish` writes as `index.html`: one self-contained HTML file that
/// checks a donor receipt in the browser (Web Crypto's SHA-256 and Ed25519, no library, no
/// network), pinned to the ledger's verifier key and the witnesses the publisher lists.
///
/// The template (`DonorPageTemplate`) holds the markup, styles and script; this type fills
/// in the pinned data. Every inserted value is escaped for its context: HTML text for the
/// key shown to the donor, a JSON block (with `<`, `>`, `&`, U+2028 and U+2029 escaped) for
/// the script. The Content-Security-Policy allows exactly the page's own script and style,
/// by their SHA-256 hashes, and no connection, image, frame or form.
public enum DonorPage {
    public static let fileName = "index.html"

    /// The page's bytes for receipts signed by `verifier`, with `witnesses` known.
    public static func html(verifier: NoteVerifier, witnesses: [CosignatureVerifier]) -> String {
        let script = DonorPageTemplate.script.replacing("/*PINNED*/", with: pinnedJSON(verifier, witnesses))
        let style = DonorPageTemplate.style
        // Constants and base64 hashes only, so it needs no escaping inside its quoted attribute.
        let policy = "default-src 'none'; script-src '\(hashSource(script))'; style-src '\(hashSource(style))'; "
            + "img-src 'none'; connect-src 'none'; font-src 'none'; media-src 'none'; object-src 'none'; "
            + "frame-src 'none'; worker-src 'none'; form-action 'none'; base-uri 'none'"
        let witnessList = witnesses.isEmpty ? "" : witnesses.map { "<li><code>\(ReportHTML.escape($0.vkey))</code></li>" }.joined()
        return fill(DonorPageTemplate.markup, [
            "policy": policy, "style": style, "vkey": ReportHTML.escape(verifier.vkey),
            "witnesses": witnessList, "script": script,
        ])
    }

    /// Replaces each `{{name}}` of `template` in one pass, so an inserted value (a key name
    /// may hold `{{`) is never read as a placeholder.
    static func fill(_ template: String, _ values: [String: String]) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstRange(of: "{{"), let close = rest[open.upperBound...].firstRange(of: "}}") {
            let name = String(rest[open.upperBound..<close.lowerBound])
            guard let value = values[name] else { preconditionFailure("the donor page template names no value \(name)") }
            out += rest[..<open.lowerBound] + value
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    /// The data the script trusts, as a JavaScript object literal that is also JSON.
    static func pinnedJSON(_ verifier: NoteVerifier, _ witnesses: [CosignatureVerifier]) -> String {
        let exponents = Currency.exponentTable.mapValues { JSONValue.integer(Int64($0)) }
        let value = JSONValue.object([
            "vkey": .string(verifier.vkey),
            "witnesses": .array(witnesses.map { .string($0.vkey) }),
            "exponents": .object(exponents),
            "receiptByteCountMax": .integer(Int64(DonorReceipt.byteCountMax)),
            "entryByteCountMax": .integer(Int64(EntryLimits.entryByteCountMax)),
            "signatureCountMax": .integer(Int64(SignedNote.signatureCountMax)),
        ])
        return scriptSafe(String(decoding: CanonicalJSON.encode(value), as: UTF8.self))
    }

    /// JSON text that cannot end the script element or open a comment in it: the
    /// characters that could (`<`, `>`, `&`) and the two that end a line in old
    /// JavaScript (U+2028, U+2029) become `\u` escapes, which only occur inside strings.
    static func scriptSafe(_ json: String) -> String {
        var out = ""
        for scalar in json.unicodeScalars {
            switch scalar {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `sha256-<base64>` of an inline element's exact text, as CSP matches it.
    static func hashSource(_ text: String) -> String {
        "sha256-" + SHA256.hash(Array(text.utf8)).base64
    }
}
