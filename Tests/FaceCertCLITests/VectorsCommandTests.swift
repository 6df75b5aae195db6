import ArgumentParser
import FaceImaging
import Foundation
import Testing

@testable import facecert

/// The vectors and profiles commands end to end, in process: exit statuses and the files they write.
struct VectorsCommandTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func withTemporaryDirectory(_ body: (URL) throws -> Void) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("facecert-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        try body(url)
    }

    /// Runs `facecert ARGS` and returns the exit code it ended with (0 when `run` returned).
    func exitCode(_ arguments: [String]) throws -> Int32 {
        var command = try FaceCert.parseAsRoot(arguments)
        do {
            try command.run()
            return 0
        } catch let exit as ExitCode {
            return exit.rawValue
        }
    }

    /// A source folder of tiny PNGs (three subjects, two images each).
    func makeSource(_ source: URL) throws {
        for (subject, values) in [("a", [10, 20]), ("b", [30, 40]), ("c", [50, 60])] {
            let folder = source.appendingPathComponent(subject)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (n, value) in values.enumerated() {
                try FaceImage(width: 1, height: 1, format: .gray8, pixels: [UInt8(value)])
                    .writePNG(toFile: folder.appendingPathComponent("0\(n + 1).png").path)
            }
        }
    }

    @Test func buildLintSignVerifyRoundTripAndTamperingIsCaught() throws {
        try withTemporaryDirectory { root in
            let source = root.appendingPathComponent("src")
            try makeSource(source)
            let suite = root.appendingPathComponent("vectors/demo/1.0.0")
            #expect(
                try exitCode([
                    "vectors", "build", source.path, "--id", "demo", "--version", "1.0.0", "--out", suite.path,
                    "--publisher", "tests", "--licence", "CC0-1.0", "--status", "published",
                ]) == 0)
            #expect(FileManager.default.fileExists(atPath: suite.appendingPathComponent("images/a/01.png").path))
            #expect(try exitCode(["vectors", "lint", suite.path]) == 0)
            #expect(try exitCode(["vectors", "lint", suite.path, "--json"]) == 0)
            let keys = root.appendingPathComponent("publisher").path
            #expect(try exitCode(["vectors", "keygen", "--out", keys]) == 0)
            #expect(try exitCode(["vectors", "sign", suite.path, "--key", keys + ".key"]) == 0)
            #expect(try exitCode(["vectors", "verify", suite.path, "--public-key", keys + ".pub"]) == 0)
            let other = root.appendingPathComponent("other").path
            #expect(try exitCode(["vectors", "keygen", "--out", other, "--format", "hex"]) == 0)
            #expect(try exitCode(["vectors", "verify", suite.path, "--public-key", other + ".pub"]) == 65)
            // One changed byte: lint fails, verify fails.
            let image = suite.appendingPathComponent("images/b/02.png")
            var bytes = try [UInt8](Data(contentsOf: image))
            bytes[bytes.count - 5] ^= 0x01
            try Data(bytes).write(to: image)
            #expect(try exitCode(["vectors", "lint", suite.path]) == 65)
            #expect(try exitCode(["vectors", "verify", suite.path, "--public-key", keys + ".pub"]) == 65)
        }
    }

    @Test func profilesListAndShowResolveTheRepositorySpecs() throws {
        let specs = Self.repositoryRoot.appendingPathComponent("specs").path
        #expect(try exitCode(["profiles", "list", "--specs", specs]) == 0)
        #expect(try exitCode(["profiles", "show", "nist-sp800-63b-4", "--specs", specs]) == 0)
        #expect(try exitCode(["profiles", "show", "fido-biometric@1.0.0", "--specs", specs, "--json"]) == 0)
        #expect(try exitCode(["profiles", "show", "no-such-profile", "--specs", specs]) == 65)
    }
}
