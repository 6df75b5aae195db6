import ConformanceVectors
import Foundation
import Testing

@testable import facecert

struct VectorsSynthCommandTests {
    @Test func synthWritesTheSourceTreeAndASuiteThatLoads() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("synth-cli-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let command = try VectorsSynthCommand.parse([
            "--seed", "4", "--subjects", "2", "--images-per-subject", "2", "--out", output,
        ])
        try command.run()
        let tree = output + "/images"
        for file in ["s001/01.png", "s002/02.png", "_unlabelled/noise.png", "subjects.csv", "eyes.csv", "images.csv"] {
            #expect(FileManager.default.fileExists(atPath: tree + "/" + file), "\(file) is missing")
        }
        let eyes = try String(contentsOfFile: tree + "/eyes.csv", encoding: .utf8)
        #expect(eyes.hasPrefix("image,left_eye_x,left_eye_y,right_eye_x,right_eye_y\ns001/01.png,"))
        let images = try String(contentsOfFile: tree + "/images.csv", encoding: .utf8)
        #expect(images.contains("s002/01.png,enrolment,enrol\n") && images.contains("_unlabelled/blank.png,enrolment,refuse\n"))
    }

    @Test func synthSuiteLoadsWithEveryHashCheckedAndTheExpectedComparisons() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("synth-suite-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        try VectorsSynthCommand.parse([
            "--seed", "9", "--subjects", "3", "--images-per-subject", "3", "--out", output,
        ]).run()
        let suite = try SuiteLoader.load(URL(fileURLWithPath: output))
        // 3 enrolment images, 6 verification images: 6 mated, 3 × 6 − 6 = 12 non-mated; 4 refusal images.
        #expect(suite.subjects.count == 3)
        #expect(suite.images.count == 9 + 4)
        #expect(suite.comparisons.matedCount == 6)
        #expect(suite.comparisons.nonMatedCount == 12)
        #expect(suite.images.filter { $0.expected == .refuse }.count == 4)
    }

    @Test func seedOneReproducesTheBundledSuiteFileForFile() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("synth-bundled-\(UUID())")
        defer { try? FileManager.default.removeItem(at: output) }
        try VectorsSynthCommand.parse(["--seed", "1", "--out", output.path]).run()
        let bundled = CLI.packageRoot.appendingPathComponent("vectors/synthetic-faces/1.0.0")
        let manager = FileManager.default
        let files = try manager.subpathsOfDirectory(atPath: bundled.path).filter {
            var isDirectory: ObjCBool = false
            return manager.fileExists(atPath: bundled.appendingPathComponent($0).path, isDirectory: &isDirectory)
                && !isDirectory.boolValue
        }.sorted()
        #expect(files.contains("suite.json") && files.count == 124 + 4)  // 124 PNGs, 3 CSV tables, suite.json
        for file in files {
            let committed = try Data(contentsOf: bundled.appendingPathComponent(file))
            let regenerated = try Data(contentsOf: output.appendingPathComponent(file))
            #expect(committed == regenerated, "\(file) differs from `facecert vectors synth --seed 1`")
        }
    }

    @Test func outOfRangeCountsAreUsageErrors() throws {
        let command = try VectorsSynthCommand.parse(["--seed", "1", "--subjects", "0", "--out", "/tmp/never"])
        #expect(throws: (any Error).self) { try command.run() }
    }
}
