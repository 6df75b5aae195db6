import Foundation
import Testing

@testable import facecert

struct VectorsSynthCommandTests {
    @Test func synthWritesTheSuiteLayout() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("synth-cli-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let command = try VectorsSynthCommand.parse([
            "--seed", "4", "--subjects", "2", "--images-per-subject", "2", "--out", output,
        ])
        try command.run()
        for file in ["s001/01.png", "s002/02.png", "_unlabelled/noise.png", "subjects.csv", "eyes.csv", "images.csv"] {
            #expect(FileManager.default.fileExists(atPath: output + "/" + file), "\(file) is missing")
        }
        let eyes = try String(contentsOfFile: output + "/eyes.csv", encoding: .utf8)
        #expect(eyes.hasPrefix("image,left_eye_x,left_eye_y,right_eye_x,right_eye_y\ns001/01.png,"))
        let images = try String(contentsOfFile: output + "/images.csv", encoding: .utf8)
        #expect(images.contains("s002/01.png,enrolment,enrol\n") && images.contains("_unlabelled/blank.png,enrolment,refuse\n"))
    }

    @Test func outOfRangeCountsAreUsageErrors() throws {
        let command = try VectorsSynthCommand.parse(["--seed", "1", "--subjects", "0", "--out", "/tmp/never"])
        #expect(throws: (any Error).self) { try command.run() }
    }
}
