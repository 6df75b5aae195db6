import BiometricMetrics
import ConformanceVectors
import FaceImaging
import Foundation
import Testing


/// Temporary directories and small suites built on the fly.
enum Fixtures {
    /// Runs `body` with a fresh empty directory that is removed afterwards.
    static func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("facecert-vectors-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url.resolvingSymlinksInPath())
    }

    /// Writes a small random gray PNG (distinct bytes per call for distinct generators).
    static func writeImage(_ url: URL, using generator: inout SeededGenerator, side: Int = 8) throws {
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let pixels = (0..<(side * side)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try FaceImage(width: side, height: side, format: .gray8, pixels: pixels).writePNG(toFile: url.path)
    }

    /// Writes `SRC/SUBJECT/NN.png` for every subject, plus `_unlabelled/uNN.png`.
    static func makeSource(
        at source: URL, subjects: [(id: String, images: Int)], unlabelled: Int = 0, seed: UInt64 = 1
    ) throws {
        var generator = SeededGenerator(seed: seed)
        for subject in subjects {
            for n in 1...max(1, subject.images) {
                try writeImage(
                    source.appendingPathComponent("\(subject.id)/\(String(format: "%02d", n)).png"),
                    using: &generator)
            }
        }
        for n in 0..<unlabelled {
            try writeImage(
                source.appendingPathComponent("\(SuiteBuilder.unlabelledFolder)/u\(String(format: "%02d", n)).png"),
                using: &generator)
        }
    }

    /// A valid bundled suite with three subjects of two images each, built with ``SuiteBuilder``.
    @discardableResult
    static func makeSuite(at suite: URL, source: URL, explicit: Bool = false) throws -> SuiteManifest {
        try makeSource(at: source, subjects: [("a", 2), ("b", 2), ("c", 2)])
        var comparisons: URL?
        if explicit {
            let csv = source.appendingPathComponent("pairs.csv")
            try "verification,enrolment,mated\na/02,a/01,true\nb/02,a/01,false\nc/02,c/01,true\n"
                .write(to: csv, atomically: true, encoding: .utf8)
            comparisons = csv
        }
        let options = SuiteBuildOptions(
            id: "fixture", version: SemanticVersion(major: 1, minor: 0, patch: 0), publisher: "tests",
            licence: "CC0-1.0", status: .published, explicitComparisons: comparisons)
        return try SuiteBuilder.build(source: source, output: suite, options: options).manifest
    }

    /// Reads `suite.json` as a mutable JSON object.
    static func readJSON(_ url: URL) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        return try #require(object as? [String: Any])
    }

    static func writeJSON(_ object: [String: Any], to url: URL) throws {
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]).write(to: url)
    }

    /// The repository root (the folder holding Package.swift), from this file's path.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/faces/NAME` beside the repository (or beside the main checkout for a worktree).
    static func sharedFaces(_ name: String) -> URL? {
        let candidates = [
            repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/faces/\(name)"),
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
                .deletingLastPathComponent().appendingPathComponent("shared/faces/\(name)"),
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// Whether tests that need `../shared/faces/NAME` should run: always in CI (where a missing folder must fail),
    /// otherwise only when it is present.
    static func shouldRunSharedTest(_ name: String) -> Bool {
        ProcessInfo.processInfo.environment["CI"] == "true" || sharedFaces(name) != nil
    }

    /// The shared face folder, or a recorded failure explaining that it is missing.
    static func requireSharedFaces(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        try #require(
            sharedFaces(name),
            "../shared/faces/\(name) is missing: these tests need the licensed face sets beside the checkout",
            sourceLocation: sourceLocation)
    }
}
