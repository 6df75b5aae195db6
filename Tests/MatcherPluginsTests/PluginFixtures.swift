import FaceImaging
import Foundation
import MatcherPlugins
import Testing

/// Paths, compiled fixture plugins and face images shared by the plugin tests.
enum PluginFixtures {
    /// The package root (two levels above this file's directory).
    static let root: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// The interpreter `python3` on PATH runs (`sys.executable`, so version-manager shims such as pyenv's, which
    /// add their own environment variables, are out of the way), if any.
    static let python3: String? = {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(directory)/python3"
            guard FileManager.default.isExecutableFile(atPath: candidate) else { continue }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: candidate)
            process.arguments = ["-c", "import sys; print(sys.executable)"]
            let output = Pipe()
            process.standardOutput = output
            guard (try? process.run()) != nil else { return candidate }
            process.waitUntilExit()
            let path = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            return FileManager.default.isExecutableFile(atPath: path) ? path : candidate
        }
        return nil
    }()

    /// Whether python3 tests run: when python3 exists, and always in CI (where a missing python3 fails).
    static let pythonTestsEnabled = python3 != nil || isCI

    static let orlDirectory = "\(root)/../shared/faces/orl"
    static let facesAvailable = FileManager.default.fileExists(atPath: "\(orlDirectory)/s01/01.png")
    /// Whether face tests run: when ../shared/faces/orl exists, and always in CI (where it missing fails).
    static let faceTestsEnabled = facesAvailable || isCI

    /// ORL faces: photos 1 and 2 of subjects 1...`subjects` (gray, 92 × 112).
    static func orlFaces(subjects: Int = 4, sourceLocation: SourceLocation = #_sourceLocation) throws -> [FaceImage] {
        try #require(
            facesAvailable, "ORL faces missing at \(orlDirectory) (../shared/faces/orl beside the clone)",
            sourceLocation: sourceLocation)
        var faces: [FaceImage] = []
        for subject in 1...subjects {
            for photo in 1...2 {
                faces.append(try FaceImage(contentsOfFile: String(format: "%@/s%02d/%02d.png", orlDirectory, subject, photo)))
            }
        }
        return faces
    }

    /// A seeded RGB image, for tests that need colour or odd sizes.
    static func noiseImage(width: Int, height: Int, format: FaceImage.PixelFormat, seed: UInt64) throws -> FaceImage {
        var state = seed
        let pixels = (0..<(width * height * format.channels)).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        return try FaceImage(width: width, height: height, format: format, pixels: pixels)
    }

    private static let buildLock = NSLock()
    /// Built libraries are cached across runs under a name hashing the sources and flags, so nothing piles up.
    private static let buildDirectory: String = {
        let path = NSTemporaryDirectory() + "facecert-plugin-tests"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// Compiles a C plugin with `cc -shared -fPIC` (once per source, header and flag set) and returns its path.
    static func library(
        _ source: String = "plugins/c/examples/tiny_matcher.c", defines: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        let inputs = ["\(root)/\(source)", "\(root)/plugins/c/include/facecert_matcher.h", "\(root)/plugins/c/examples/tiny_matcher.c"]
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a over the inputs and flags
        for byte in inputs.flatMap({ FileManager.default.contents(atPath: $0).map { Array($0) } ?? [] })
            + Array(defines.joined(separator: " ").utf8)
        {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let output = "\(buildDirectory)/\(String(hash, radix: 16)).so"
        return try buildLock.withLock {
            if FileManager.default.fileExists(atPath: output) { return output }
            let temporary = output + ".\(getpid()).tmp"
            let arguments =
                ["-shared", "-fPIC", "-O1", "-I", "\(root)/plugins/c/include"] + defines.map { "-D\($0)" }
                + ["\(root)/\(source)", "-o", temporary]
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["cc"] + arguments
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            try #require(
                process.terminationStatus == 0, "cc \(arguments.joined(separator: " ")) failed: \(message)",
                sourceLocation: sourceLocation)
            _ = rename(temporary, output)
            return output
        }
    }

    /// The `facecert-plugin-host` program of this build.
    static func hostExecutable(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let found = PluginHostLocator.locate(explicit: nil)
        return try #require(
            found,
            "facecert-plugin-host not found (searched \(PluginHostLocator.candidates(explicit: nil))); run `swift build` first",
            sourceLocation: sourceLocation)
    }

    /// The `exec:` spec running a Python file of this repository.
    static func pythonSpec(_ relativePath: String, _ arguments: String...) throws -> String {
        let python = try #require(python3, "python3 is required for the Python plugin tests (stdlib only)")
        return "exec:" + ([python, "\(root)/\(relativePath)"] + arguments).joined(separator: " ")
    }

    /// A factory with the module's built-ins, `workers` workers and short limits.
    static func factory(workers: Int = 2, limits: PluginLimits = .default, stderrLog: String? = nil) -> MatcherFactory {
        MatcherFactory(
            builtIns: MatcherFactory.plumbingBuiltIns,
            configuration: PluginConfiguration(limits: limits, workers: workers, stderrLogPath: stderrLog))
    }
}
