import ArgumentParser
import ConformanceVectors
import Foundation

struct VectorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vectors",
        abstract: "Check, build, sign and verify test vector suites.",
        discussion: """
            A suite is a directory vectors/<id>/<version>/ holding suite.json (format facecert.suite/1, see \
            docs/vectors-format.md) and, when bundled, images/. Exit status: 0 success, 65 the suite, key or \
            signature is not acceptable, 74 a file could not be read or written.
            """,
        subcommands: [
            VectorsLintCommand.self, VectorsBuildCommand.self, VectorsSignCommand.self, VectorsVerifyCommand.self,
            VectorsKeygenCommand.self,
        ])
}

/// Shared CLI plumbing for the vectors and profiles commands.
enum VectorsCLI {
    /// Prints `error` to standard error and returns the exit code for it (65 data, 74 I/O).
    static func fail(_ error: VectorsError) -> ExitCode {
        printError("facecert: \(error)")
        return error.code == .io ? ExitCode(74) : ExitCode(65)
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func url(_ path: String) -> URL { URL(fileURLWithPath: path) }

    static func jsonLine(_ object: Any, pretty: Bool = false) throws -> String {
        var options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes]
        if pretty { options.insert(.prettyPrinted) }
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: options), as: UTF8.self)
    }

    static func encodeJSON<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
