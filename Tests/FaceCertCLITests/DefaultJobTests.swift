import Foundation
import Testing

/// `facecert` with no arguments: the bundled synthetic suite, lbph and facecert-demo.
struct DefaultJobTests {
    @Test func defaultJobRunsTheBundledSuiteAndWritesEveryReport() throws {
        let manifest = CLI.packageRoot.appendingPathComponent("vectors/synthetic-faces/1.0.0/suite.json")
        guard FileManager.default.fileExists(atPath: manifest.path) else {
            let message = "the bundled suite \(manifest.path) is missing; the default job cannot run"
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                Issue.record(Comment(rawValue: message))
            } else {
                print("skipping: \(message)")
            }
            return
        }
        // From an unrelated folder: the suite is found through the package root.
        let folder = try CLI.temporaryFolder()
        let outcome = try CLI.run([], in: folder)
        #expect([0, 1, 2].contains(outcome.status), "\(outcome.stderr)")
        #expect(outcome.stdout.contains("facecert-demo@1.0.0"), "prints the summary: \(outcome.stdout)")
        #expect(outcome.stdout.contains("synthetic-faces"))
        for file in ["report.json", "junit.xml", "report.md", "report.html"] {
            #expect(
                FileManager.default.fileExists(atPath: folder.appendingPathComponent("facecert-report/\(file)").path),
                "\(file)")
        }
        // Running it again replaces the previous run instead of refusing its journal.
        #expect(try CLI.run([], in: folder).status == outcome.status)
    }

    @Test func runWithAMissingSuiteExitsSixtyFiveNamingIt() throws {
        let folder = try CLI.temporaryFolder()
        let outcome = try CLI.run(
            ["run", "--suite", folder.appendingPathComponent("nowhere").path, "--profile", "facecert-demo",
             "--matcher", "lbph", "--out", folder.appendingPathComponent("out").path])
        #expect(outcome.status == 65)
        #expect(outcome.stderr.contains("nowhere"), "\(outcome.stderr)")
    }
}
