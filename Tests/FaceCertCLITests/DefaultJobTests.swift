import Foundation
import Testing

/// `facecert` with no arguments: the bundled synthetic suite, lbph and facecert-demo.
struct DefaultJobTests {
    @Test func defaultJobRunsTheBundledSuiteAndWritesEveryReport() throws {
        let bundled = CLI.packageRoot.appendingPathComponent("vectors/synthetic-faces/1.0.0")
        let manager = FileManager.default
        guard
            manager.fileExists(atPath: bundled.appendingPathComponent("suite.json").path)
                || manager.fileExists(atPath: bundled.appendingPathComponent("images/images.csv").path)
        else {
            let message = "the bundled suite \(bundled.path) is missing; the default job cannot run"
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
        // LBPH aligns on the suite's annotated eyes (unaligned it misses FNMR ≤ 20 % at FMR 1 % with 66.7 %).
        #expect(outcome.stdout.contains("lbph 1.0.0 (given the suite's eye positions)"), "\(outcome.stdout)")
        #expect(
            outcome.stdout.contains(
                "PASS         fnmr-at-fmr-1e-2  should FNMR ≤ 20 %: observed 2.22 % (2/90)"),
            "\(outcome.stdout)")
        for file in ["report.json", "junit.xml", "report.md", "report.html"] {
            #expect(
                FileManager.default.fileExists(atPath: folder.appendingPathComponent("facecert-report/\(file)").path),
                "\(file)")
        }
        // Running it again replaces the previous run instead of refusing its journal.
        #expect(try CLI.run([], in: folder).status == outcome.status)
    }

    @Test func noEyePositionsMeasuresLBPHOnPixelsAloneAndResumeKeepsTheChoice() throws {
        let suite = CLI.packageRoot.appendingPathComponent("vectors/synthetic-faces/1.0.0")
        guard FileManager.default.fileExists(atPath: suite.appendingPathComponent("suite.json").path) else {
            let message = "the bundled suite manifest \(suite.path)/suite.json is missing"
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                Issue.record(Comment(rawValue: message))
            } else {
                print("skipping: \(message)")
            }
            return
        }
        let folder = try CLI.temporaryFolder()
        let out = folder.appendingPathComponent("out")
        let arguments = [
            "run", "--suite", suite.path, "--profile", "facecert-demo@1.0.0", "--specs",
            CLI.packageRoot.appendingPathComponent("specs").path, "--matcher", "lbph", "--seed", "20261129",
            "--format", "json", "--out", out.path,
        ]
        let outcome = try CLI.run(arguments + ["--no-eye-positions"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("lbph 1.0.0 (no eye positions given)"), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("FAIL         fnmr-at-fmr-1e-2  should FNMR ≤ 20 %: observed 66.7 % (60/90)"))
        let report = try CLI.normalisedReport(out.appendingPathComponent("report.json"))
        let matcher = try #require(report["matcher"] as? [String: Any])
        #expect(matcher["eyePositionsProvided"] as? Bool == false)

        let mismatch = try CLI.run(arguments + ["--resume"])
        #expect(mismatch.status == 64, "\(mismatch.stderr)")
        #expect(
            mismatch.stderr.contains("eye positions given to the matcher: the journal has no, this run has yes"),
            "\(mismatch.stderr)")
        #expect(try CLI.run(arguments + ["--resume", "--no-eye-positions"]).status == 0)
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
