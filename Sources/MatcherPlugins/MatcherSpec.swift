/// How a matcher is named on the command line, as one value.
///
/// | syntax | meaning |
/// |---|---|
/// | `NAME` | a built-in matcher from the table passed to ``MatcherFactory`` (letters, digits, `-`, `_`, `.`) |
/// | `lib:PATH` | a C-ABI shared library, run in a child process (`facecert-plugin-host`) |
/// | `lib-inprocess:PATH` | the same library loaded into facecert itself (debugging, benchmarks; a crash is facecert's) |
/// | `exec:COMMAND` | any program speaking docs/plugin-protocol.md on stdin/stdout |
///
/// `COMMAND` is split into words like a POSIX shell would, without running one: blanks separate words, `'…'`
/// keeps text literally, `"…"` keeps text with `\"`, `\\`, `\$` and `` \` `` escapes, `\` outside quotes escapes
/// the next character; no variables, globs or `~` are expanded. When the whole command is one quoted word (as in a
/// config file: `exec:"python3 plugin.py"`), its contents are split again. So on a shell,
/// `--matcher exec:"python3 plugins/python/examples/tiny_matcher.py"` and
/// `--matcher 'exec:python3 "my plugins/plugin.py"'` both work.
public enum MatcherSpec: Sendable, Hashable, CustomStringConvertible {
    /// A built-in matcher by name.
    case builtIn(name: String)
    /// A shared library in a child process.
    case sharedLibrary(path: String)
    /// A shared library in facecert's own process.
    case sharedLibraryInProcess(path: String)
    /// A program and its arguments.
    case executable(command: [String])

    /// Parses one `--matcher` value.
    ///
    /// - Throws: ``PluginError`` `.invalidSpec` saying what is wrong and showing the syntax.
    public init(parsing text: String) throws(PluginError) {
        let syntax = "use NAME, lib:PATH, lib-inprocess:PATH or exec:\"COMMAND ARGS\""
        if let path = text.removingPrefix("lib:") {
            guard !path.isEmpty else { throw PluginError(.invalidSpec, "`lib:` needs a path to a shared library; \(syntax)") }
            self = .sharedLibrary(path: path)
        } else if let path = text.removingPrefix("lib-inprocess:") {
            guard !path.isEmpty else {
                throw PluginError(.invalidSpec, "`lib-inprocess:` needs a path to a shared library; \(syntax)")
            }
            self = .sharedLibraryInProcess(path: path)
        } else if let command = text.removingPrefix("exec:") {
            var words = try MatcherSpec.splitCommand(command)
            if words.count == 1, let only = words.first, only.contains(where: { $0 == " " || $0 == "\t" }) {
                words = try MatcherSpec.splitCommand(only)
            }
            guard !words.isEmpty else { throw PluginError(.invalidSpec, "`exec:` needs a command; \(syntax)") }
            self = .executable(command: words)
        } else {
            let allowed = text.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)
            }
            guard !text.isEmpty, allowed else {
                if text.contains("/") || text.hasSuffix(".so") || text.hasSuffix(".dylib") {
                    throw PluginError(.invalidSpec, "`\(text)` looks like a path; say lib:\(text) or exec:\(text)")
                }
                throw PluginError(.invalidSpec, "`\(text)` is not a matcher name; \(syntax)")
            }
            self = .builtIn(name: text)
        }
    }

    public var description: String {
        switch self {
        case .builtIn(let name): name
        case .sharedLibrary(let path): "lib:\(path)"
        case .sharedLibraryInProcess(let path): "lib-inprocess:\(path)"
        case .executable(let command): "exec:" + command.map(MatcherSpec.quote).joined(separator: " ")
        }
    }

    /// Splits a command line into words like a POSIX shell, without expansions.
    ///
    /// - Throws: ``PluginError`` `.invalidSpec` for an unterminated quote or a trailing backslash.
    public static func splitCommand(_ text: String) throws(PluginError) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var iterator = text.makeIterator()
        while let character = iterator.next() {
            switch character {
            case " ", "\t", "\n":
                if inWord { words.append(current) }
                current = ""
                inWord = false
            case "'":
                inWord = true
                var closed = false
                while let next = iterator.next() {
                    if next == "'" {
                        closed = true
                        break
                    }
                    current.append(next)
                }
                guard closed else { throw PluginError(.invalidSpec, "unterminated ' in the command `\(text)`") }
            case "\"":
                inWord = true
                var closed = false
                while let next = iterator.next() {
                    if next == "\"" {
                        closed = true
                        break
                    }
                    if next == "\\" {
                        guard let escaped = iterator.next() else { break }
                        if !"\"\\$`".contains(escaped) { current.append("\\") }
                        current.append(escaped)
                    } else {
                        current.append(next)
                    }
                }
                guard closed else { throw PluginError(.invalidSpec, "unterminated \" in the command `\(text)`") }
            case "\\":
                guard let escaped = iterator.next() else {
                    throw PluginError(.invalidSpec, "the command `\(text)` ends with a lone backslash")
                }
                inWord = true
                current.append(escaped)
            default:
                inWord = true
                current.append(character)
            }
        }
        if inWord { words.append(current) }
        return words
    }

    private static func quote(_ word: String) -> String {
        let plain = !word.isEmpty && word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,+@%".contains($0) }
        return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

extension String {
    fileprivate func removingPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
