import FaceImaging
import Foundation
import MatcherPlugins
import Testing

/// Libraries and programs that cannot be plugins are refused before the run with a clear message, and children
/// learn nothing about the suite from their environment.
struct PluginLoadingTests {
    static func loadError(_ spec: String) -> PluginError? {
        let log = NSTemporaryDirectory() + "facecert-loading-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        do {
            let matcher = try PluginFixtures.factory(stderrLog: log).make(spec)
            matcher.close()
            return nil
        } catch {
            return error
        }
    }

    @Test func libraryWithoutACompareFunctionIsRefusedNamingTheSymbol() throws {
        let library = try PluginFixtures.library("Tests/PluginFixtures/faulty_matcher.c", defines: ["OMIT_COMPARE"])
        for spec in ["lib:\(library)", "lib-inprocess:\(library)"] {
            let error = try #require(Self.loadError(spec), "\(spec) loaded")
            #expect(error.message.contains("does not export facecert_matcher_compare"), "\(spec): \(error)")
        }
    }

    @Test func libraryBuiltForAnotherAPIVersionIsRefusedWithBothVersions() throws {
        let library = try PluginFixtures.library("Tests/PluginFixtures/faulty_matcher.c", defines: ["API_VERSION=7"])
        for spec in ["lib:\(library)", "lib-inprocess:\(library)"] {
            let error = try #require(Self.loadError(spec), "\(spec) loaded")
            #expect(error.message.contains("API version 7"), "\(spec): \(error)")
            #expect(error.message.contains("version 1"), "\(spec): \(error)")
        }
    }

    @Test func missingLibraryAndMissingProgramAreNamed() throws {
        let library = try #require(Self.loadError("lib:/nonexistent/plugin.so"))
        #expect(library.code == .libraryLoad && library.message.contains("/nonexistent/plugin.so"))
        let program = try #require(Self.loadError("exec:/nonexistent/matcher --x"))
        #expect(program.code == .spawn && program.message.contains("/nonexistent/matcher"))
    }

    @Test func programThatIsNotAPluginFailsTheHandshakeWithItsStderr() throws {
        let error = try #require(Self.loadError("exec:/bin/sh -c 'echo about-to-fail >&2; exit 3'"))
        #expect(error.code == .handshake)
        #expect(error.message.contains("exited with status 3"), "\(error.message)")
        #expect(error.message.contains("about-to-fail"), "the stderr tail is shown: \(error.message)")
        let garbage = try #require(Self.loadError("exec:/bin/echo hello there, this is not a frame"))
        #expect(garbage.code == .handshake, "\(garbage)")
    }

    @Test(.enabled(if: PluginFixtures.pythonTestsEnabled))
    func childSeesOnlyTheDocumentedEnvironmentAnEmptyDirectoryAndThreeDescriptors() throws {
        setenv("FACECERT_SECRET_SUITE_PATH", "/suites/hidden", 1)
        defer { unsetenv("FACECERT_SECRET_SUITE_PATH") }
        let configuration = PluginConfiguration(workers: 1, environment: ["LICENCE_SERVER": "licence.example:27000"])
        let matcher = try MatcherFactory(builtIns: [:], configuration: configuration)
            .make(try PluginFixtures.pythonSpec("Tests/PluginFixtures/faulty_matcher.py", "environment"))
        defer { matcher.close() }
        let image = try PluginFixtures.noiseImage(width: 8, height: 8, format: .gray8, seed: 3)
        let bytes = try matcher.createTemplate(from: image, role: .enrolment).template.bytes
        let report = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let environment = try #require(report["env"] as? [String: String])
        #expect(
            Set(environment.keys) == [
                "PATH", "LANG", "LC_ALL", "HOME", "TMPDIR", "PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED", "LICENCE_SERVER",
            ], "\(environment.keys.sorted())")
        #expect(environment["PATH"] == "/usr/local/bin:/usr/bin:/bin")
        let cwd = try #require(report["cwd"] as? String)
        #expect(cwd != FileManager.default.currentDirectoryPath)
        #expect(environment["HOME"] == cwd)
        #expect((report["cwdEntries"] as? [Any])?.isEmpty == true, "the working directory is empty")
        // 0, 1, 2 and the descriptor listing /proc/self/fd itself; the SDK adds a dup of the protocol stream.
        let descriptors = try #require(report["fds"] as? [Int])
        #expect(descriptors.count <= 5, "only stdin, stdout, stderr (+ the SDK's dup and listdir's own): \(descriptors)")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains("/suites/hidden") && !text.contains(PluginFixtures.root + "/Tests\""))
    }
}
