import Foundation
import Testing

/// `facecert plugin validate` end to end: exit status and findings table.
struct PluginValidateCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"
    static let orl = "\(root)/../shared/faces/orl"
    static let enabled = FileManager.default.fileExists(atPath: orl) || isCI
    static let pythonEnabled =
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/python3")
        } || isCI

    /// The built `facecert` beside this test bundle.
    static func facecert(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        var directory = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            if let candidate = directory?.appendingPathComponent("facecert").path,
                FileManager.default.isExecutableFile(atPath: candidate)
            {
                return candidate
            }
            directory = directory?.deletingLastPathComponent()
        }
        return try #require(nil as String?, "the facecert executable is not built beside the tests", sourceLocation: sourceLocation)
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try facecert())
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(.enabled(if: enabled))
    func builtInTinyMatcherPassesWithExitZeroAndATable() throws {
        try #require(FileManager.default.fileExists(atPath: Self.orl), "ORL faces missing at \(Self.orl)")
        let (status, output) = try Self.run(["plugin", "validate", "--matcher", "tiny", "--faces", Self.orl])
        #expect(status == 0, "\(output)")
        #expect(output.contains("PASS     symmetry"), "\(output)")
        #expect(output.contains("PASSED"))
    }

    @Test(.enabled(if: enabled && pythonEnabled))
    func lyingPluginFailsWithExitOne() throws {
        try #require(FileManager.default.fileExists(atPath: Self.orl), "ORL faces missing at \(Self.orl)")
        let (status, output) = try Self.run([
            "plugin", "validate", "--matcher", "exec:python3 Tests/PluginFixtures/faulty_matcher.py lying", "--faces",
            Self.orl, "--max-faces", "4",
        ])
        #expect(status == 1, "\(output)")
        #expect(output.contains("FAILURE  templates.distinct"), "\(output)")
    }

    @Test func unknownMatcherAndMissingFacesExitTwoWithAMessage() throws {
        let unknown = try Self.run(["plugin", "validate", "--matcher", "nope", "--faces", "\(Self.root)/plugins"])
        #expect(unknown.status == 2)
        #expect(unknown.output.contains("PNG files") || unknown.output.contains("no built-in matcher"), "\(unknown.output)")
        let missing = try Self.run(["plugin", "validate", "--matcher", "tiny", "--faces", "/nonexistent"])
        #expect(missing.status == 2)
        #expect(missing.output.contains("is not a directory"), "\(missing.output)")
    }
}
