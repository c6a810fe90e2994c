/// The one way civic writes an argument into a command it prints for a person to paste
/// (the report's "to check the figures" commands, CLI hints): POSIX single quotes, each
/// embedded `'` written `'\''`. Inside single quotes a POSIX shell expands nothing, so
/// `e.x/a';touch${IFS}x;'` stays one inert word.
public enum ShellQuote {
    /// Words made only of these characters are printed bare.
    private static func isPlain(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || "._/-=:,@%^".utf8.contains(byte)
    }

    /// `word` as one shell word.
    public static func word(_ word: String) -> String {
        if !word.isEmpty, word.utf8.allSatisfy(isPlain) { return word }
        var quoted = "'"
        for character in word { quoted += character == "'" ? "'\\''" : String(character) }
        return quoted + "'"
    }

    /// A command line from its words, each quoted as needed.
    public static func command(_ words: [String]) -> String {
        words.map(word).joined(separator: " ")
    }
}
