import BiometricMetrics
import FaceImaging
import Foundation
import Testing

/// Runs the built `facecert` executable and builds small suites and profiles on disk for CLI tests.
enum CLI {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
        var killedBySignal: Bool
    }

    /// The `facecert` executable built beside the test bundle.
    static var executable: URL {
        get throws {
            var candidates: [URL] = []
            if let bundle = Bundle.main.executableURL?.deletingLastPathComponent() {
                candidates.append(bundle.appendingPathComponent("facecert"))
                candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("facecert"))
            }
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
            candidates.append(root.appendingPathComponent(".build/debug/facecert"))
            guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
                throw CLIError("no facecert executable in \(candidates.map(\.path)); run `swift build` first")
            }
            return found
        }
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// Starts `facecert ARGS` in `directory`; the caller waits or kills.
    static func start(_ arguments: [String], in directory: URL? = nil) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = try executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    /// Runs `facecert ARGS` to the end.
    static func run(_ arguments: [String], in directory: URL? = nil) throws -> Outcome {
        let (process, out, err) = try start(arguments, in: directory)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self),
            killedBySignal: process.terminationReason == .uncaughtSignal)
    }

    /// A fresh temporary folder.
    static func temporaryFolder(_ name: String = #function) throws -> URL {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("facecert-cli-\(safe)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Builds a suite with `subjects` × `perSubject` 16×16 gray images (each subject a distinct smooth pattern,
    /// each image a seeded perturbation of it) plus one undersized image of nobody that must be refused, with
    /// `facecert vectors build` (all unordered pairs).
    static func makeSuite(in folder: URL, subjects: Int = 8, perSubject: Int = 3, seed: UInt64 = 1) throws -> URL {
        let source = folder.appendingPathComponent("source")
        var generator = SeededGenerator(seed: seed)
        for subject in 0..<subjects {
            let directory = source.appendingPathComponent(String(format: "s%02d", subject))
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for number in 0..<perSubject {
                var pixels = [UInt8](repeating: 0, count: 256)
                for y in 0..<16 {
                    for x in 0..<16 {
                        let base = (x * (subject % 4 + 1) * 9 + y * (subject / 4 + 1) * 7 + subject * 23) % 200
                        pixels[y * 16 + x] = UInt8(base + Int(generator.next() % 40))
                    }
                }
                let image = try FaceImage(width: 16, height: 16, format: .gray8, pixels: pixels)
                try image.writePNG(toFile: directory.appendingPathComponent("i\(number).png").path)
            }
        }
        let unlabelled = source.appendingPathComponent("_unlabelled")
        try FileManager.default.createDirectory(at: unlabelled, withIntermediateDirectories: true)
        try FaceImage(width: 4, height: 4, format: .gray8, pixels: [UInt8](repeating: 9, count: 16))
            .writePNG(toFile: unlabelled.appendingPathComponent("tiny.png").path)
        let suite = folder.appendingPathComponent("suite")
        let built = try run([
            "vectors", "build", source.path, "--id", "cli-test", "--version", "1.0.0", "--out", suite.path,
            "--status", "published",
        ])
        guard built.status == 0 else { throw CLIError("vectors build failed: \(built.stdout)\(built.stderr)") }
        return suite
    }

    /// Writes a profile `ID@1.0.0` into `specs/` under `folder` and returns the specs folder.
    static func writeProfile(
        in folder: URL, id: String, requirements: String, minimums: String = "{}"
    ) throws -> URL {
        let specs = folder.appendingPathComponent("specs")
        let directory = specs.appendingPathComponent(id)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let text = """
            {
              "schema": "facecert.profile/1", "id": "\(id)", "version": "1.0.0", "status": "final",
              "title": "CLI test profile \(id)", "source": { "document": "facecert CLI tests" },
              "provenance": "test fixture", "requirements": [\(requirements)], "minimumSampleSizes": \(minimums)
            }
            """
        try Data(text.utf8).write(to: directory.appendingPathComponent("1.0.0.json"))
        return specs
    }

    /// A requirement entry of a profile.
    static func requirement(
        _ id: String, _ metric: String, limit: Double, level: String = "shall", confidence: Double = 0.95
    ) -> String {
        """
        { "id": "\(id)", "metric": "\(metric)", "limit": \(limit), "limitInclusive": true, \
        "operatingPoint": { "kind": "declaredThreshold" }, "confidence": \(confidence), "level": "\(level)", \
        "statement": "test" }
        """
    }

    /// report.json without what legitimately differs between runs (times, wall clock, jobs).
    static func normalisedReport(_ url: URL) throws -> NSDictionary {
        let data = try Data(contentsOf: url)
        guard var object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CLIError("\(url.path) is not a JSON object")
        }
        for key in ["startedAt", "endedAt", "timing"] { object[key] = nil }
        return NSDictionary(dictionary: object)
    }
}

struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

