import BiometricMetrics
import ConformanceRunner
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `facecert run` and `facecert report` end to end, through the built executable, with the `tiny` built-in
/// matcher (declared threshold 0.9, refuses images under 8 × 8).
struct RunCommandTests {
    private func fixture(
        _ requirements: [String], minimums: String = "{}", name: String = #function
    ) throws -> (folder: URL, suite: URL, specs: URL) {
        let folder = try CLI.temporaryFolder(name)
        let suite = try CLI.makeSuite(in: folder)
        let specs = try CLI.writeProfile(
            in: folder, id: "cli-profile", requirements: requirements.joined(separator: ","), minimums: minimums)
        return (folder, suite, specs)
    }

    private func runArguments(_ folder: URL, _ suite: URL, _ specs: URL, _ extra: [String] = []) -> [String] {
        [
            "run", "--suite", suite.path, "--profile", "cli-profile", "--specs", specs.path, "--matcher", "tiny",
            "--out", folder.appendingPathComponent("out").path, "--seed", "5", "--jobs", "2",
        ] + extra
    }

    @Test func versionIsTheOneLibraryConstant() throws {
        let outcome = try CLI.run(["--version"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == FaceCertVersion.current)
    }

    @Test func passingRunExitsZeroAndWritesAllFourReports() throws {
        let (folder, suite, specs) = try fixture([CLI.requirement("fte", "FTE", limit: 0.5)])
        let outcome = try CLI.run(runArguments(folder, suite, specs))
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("PASS"))
        #expect(outcome.stderr.isEmpty, "no progress when stderr is not a terminal: \(outcome.stderr)")
        let out = folder.appendingPathComponent("out")
        for file in ["report.json", "junit.xml", "report.md", "report.html", "journal.fcj"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file)")
        }
        let report = try CLI.normalisedReport(out.appendingPathComponent("report.json"))
        #expect(report["verdict"] as? String == "pass")
        #expect(report["complete"] as? Bool == true)
        let counts = try #require(report["counts"] as? [String: Any])
        #expect(counts["matedPlanned"] as? Int == 8 * 3)
        #expect(counts["nonMatedPlanned"] as? Int == 24 * 23 / 2 - 24)
        let findings = try #require(report["expectedOutcomes"] as? [[String: Any]])
        #expect(findings.count == 25)
        #expect(findings.allSatisfy { $0["conforms"] as? Bool == true }, "the undersized image is refused")
    }

    @Test func failingShallRequirementExitsOne() throws {
        // Threshold 0 accepts every similarity score: FMR 100 % against a limit of 1 %.
        let (folder, suite, specs) = try fixture([CLI.requirement("fmr", "FMR", limit: 0.01)])
        let outcome = try CLI.run(runArguments(folder, suite, specs, ["--threshold", "0"]))
        #expect(outcome.status == 1, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout.contains("FAIL"))
    }

    @Test func failingShouldRequirementDoesNotFailTheRun() throws {
        let (folder, suite, specs) = try fixture([
            CLI.requirement("fmr", "FMR", limit: 0.01, level: "should"), CLI.requirement("fte", "FTE", limit: 0.5),
        ])
        let outcome = try CLI.run(runArguments(folder, suite, specs, ["--threshold", "0"]))
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
    }

    @Test func suiteBelowMinimumsIsInconclusiveAndExitsTwo() throws {
        let (folder, suite, specs) = try fixture(
            [CLI.requirement("fte", "FTE", limit: 0.5)], minimums: #"{ "subjects": 1000 }"#)
        let outcome = try CLI.run(runArguments(folder, suite, specs))
        #expect(outcome.status == 2, "\(outcome.stdout)\(outcome.stderr)")
        let report = try CLI.normalisedReport(folder.appendingPathComponent("out/report.json"))
        #expect(report["verdict"] as? String == "inconclusive")
        let notes = try #require(report["notes"] as? [String])
        #expect(notes.contains { $0.contains("below the profile's minimum sample sizes: 8 subjects") })
    }

    @Test(arguments: [
        ["--jobs", "0"], ["--batch-size", "0"], ["--format", "pdf"], ["--resume", "--force"], ["--no-such-option"],
    ])
    func usageErrorsExitSixtyFour(extra: [String]) throws {
        let (folder, suite, specs) = try fixture([CLI.requirement("fte", "FTE", limit: 0.5)])
        let outcome = try CLI.run(runArguments(folder, suite, specs, extra))
        #expect(outcome.status == 64, "\(extra): \(outcome.stderr)")
    }

    @Test func invalidSuiteProfileOrPluginExitSixtyFive() throws {
        let (folder, suite, specs) = try fixture([CLI.requirement("fte", "FTE", limit: 0.5)])
        // An unknown profile.
        var arguments = runArguments(folder, suite, specs)
        arguments[arguments.firstIndex(of: "cli-profile")!] = "no-such-profile"
        let profile = try CLI.run(arguments)
        #expect(profile.status == 65 && profile.stderr.contains("no-such-profile"), "\(profile.stderr)")
        // An unknown built-in and a missing library.
        for matcher in ["no-such-matcher", "lib:/nonexistent/plugin.so"] {
            var arguments = runArguments(folder, suite, specs)
            arguments[arguments.firstIndex(of: "tiny")!] = matcher
            let plugin = try CLI.run(arguments)
            #expect(plugin.status == 65, "\(matcher): \(plugin.stderr)")
        }
        // One image byte changed after the suite was published.
        let image = suite.appendingPathComponent("images/s00/i0.png")
        var bytes = try Data(contentsOf: image)
        bytes[bytes.count - 20] ^= 0x01
        try bytes.write(to: image)
        let tampered = try CLI.run(runArguments(folder, suite, specs))
        #expect(tampered.status == 65, "\(tampered.stderr)")
        #expect(tampered.stderr.contains("s00"), "names the image: \(tampered.stderr)")
    }

    @Test(arguments: [("crash3", "crash"), ("nan", "protocolViolation")])
    func pluginFaultsEndAsRecordedFindingsAndTheRunCompletes(mode: String, code: String) throws {
        let (folder, suite, specs) = try fixture([CLI.requirement("fte", "FTE", limit: 0.5)])
        let script = CLI.packageRoot.appendingPathComponent("Tests/PluginFixtures/faulty_matcher.py").path
        var arguments = runArguments(folder, suite, specs)
        arguments[arguments.firstIndex(of: "tiny")!] = "exec:python3 \(script) \(mode)"
        let outcome = try CLI.run(arguments)
        #expect([0, 1, 2].contains(outcome.status), "a faulty plugin is a finding, not an error: \(outcome.stderr)")
        let report = try CLI.normalisedReport(folder.appendingPathComponent("out/report.json"))
        #expect(report["complete"] as? Bool == true)
        let faults = try #require(report["faults"] as? [[String: Any]])
        #expect(faults.contains { $0["code"] as? String == code }, "\(faults.prefix(3))")
        let matcher = try #require(report["matcher"] as? [String: Any])
        #expect((matcher["fileSHA256"] as? String)?.count == 64, "the plugin script is identified by its hash")
    }

    @Test func existingJournalNeedsResumeAndResumeRefusesOtherParameters() throws {
        let (folder, suite, specs) = try fixture([CLI.requirement("fte", "FTE", limit: 0.5)])
        #expect(try CLI.run(runArguments(folder, suite, specs)).status == 0)
        let again = try CLI.run(runArguments(folder, suite, specs))
        #expect(again.status == 64 && again.stderr.contains("--resume"), "\(again.stderr)")
        var other = runArguments(folder, suite, specs, ["--resume"])
        other[other.firstIndex(of: "5")!] = "6"
        let mismatch = try CLI.run(other)
        #expect(mismatch.status == 64, "\(mismatch.stderr)")
        #expect(mismatch.stderr.contains("seed: the journal has 5, this run has 6"), "\(mismatch.stderr)")
        let resumed = try CLI.run(runArguments(folder, suite, specs, ["--resume"]))
        #expect(resumed.status == 0, "resuming a finished run just reports it: \(resumed.stderr)")
        #expect(try CLI.run(runArguments(folder, suite, specs, ["--force"])).status == 0)
    }

    @Test func reportCommandRerendersTheSameReportFromTheJournal() throws {
        let (folder, suite, specs) = try fixture([CLI.requirement("fte", "FTE", limit: 0.5)])
        #expect(try CLI.run(runArguments(folder, suite, specs, ["--format", "json"])).status == 0)
        let out = folder.appendingPathComponent("out")
        let original = try Data(contentsOf: out.appendingPathComponent("report.json"))
        try FileManager.default.removeItem(at: out.appendingPathComponent("report.json"))
        let rerendered = try CLI.run(["report", out.path, "--format", "json,html", "--specs", specs.path])
        #expect(rerendered.status == 0, "\(rerendered.stderr)")
        #expect(try Data(contentsOf: out.appendingPathComponent("report.json")) == original)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("report.html").path))
        let missing = try CLI.run(["report", folder.path])
        #expect(missing.status == 65, "no journal there: \(missing.stderr)")
    }

    @Test func interruptedRunWritesAPartialReportAndResumes() throws {
        let folder = try CLI.temporaryFolder()
        let suite = try CLI.makeSuite(in: folder, subjects: 30, perSubject: 4)
        let specs = try CLI.writeProfile(in: folder, id: "cli-profile", requirements: CLI.requirement("fte", "FTE", limit: 0.5))
        let reference = try CLI.run(runArguments(folder, suite, specs, ["--out", folder.appendingPathComponent("reference").path]))
        #expect(reference.status == 0)
        // SIGINT as soon as the journal exists: a clean stop with a partial report (or a complete one if the run
        // was faster than the signal), then --resume completes it.
        let arguments = runArguments(folder, suite, specs, ["--batch-size", "8"])
        let (process, out, err) = try CLI.start(arguments)
        let journal = folder.appendingPathComponent("out/journal.fcj")
        while process.isRunning && !FileManager.default.fileExists(atPath: journal.path) { usleep(1000) }
        kill(process.processIdentifier, SIGINT)
        _ = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let partial = try CLI.normalisedReport(folder.appendingPathComponent("out/report.json"))
        if process.terminationStatus == 130 {
            #expect(partial["complete"] as? Bool == false)
            #expect(stderr.contains("--resume"))
        } else {
            #expect(process.terminationStatus == 0, "\(stderr)")
        }
        let resumed = try CLI.run(arguments + ["--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(
            try CLI.normalisedReport(folder.appendingPathComponent("out/report.json"))
                == CLI.normalisedReport(folder.appendingPathComponent("reference/report.json")))
    }

    /// The acceptance test of "nothing is lost": SIGKILL a real run at seeded random points of its progress
    /// (measured by the journal's growth, so the points do not depend on the machine's speed), resume until it
    /// finishes, and compare report.json with an uninterrupted run's.
    @Test func runKilledAtRandomPointsAndResumedGivesTheUninterruptedReport() throws {
        let folder = try CLI.temporaryFolder()
        let suite = try CLI.makeSuite(in: folder, subjects: 40, perSubject: 5)
        let specs = try CLI.writeProfile(
            in: folder, id: "cli-profile",
            requirements: [CLI.requirement("fte", "FTE", limit: 0.5), CLI.requirement("fmr", "FMR", limit: 0.5)]
                .joined(separator: ","))
        let reference = try CLI.run(
            runArguments(folder, suite, specs, ["--out", folder.appendingPathComponent("reference").path]))
        #expect(reference.status == 0 || reference.status == 2, "\(reference.stderr)")
        func size(_ url: URL) -> Int {
            (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        }
        let fullJournal = size(folder.appendingPathComponent("reference/journal.fcj"))

        // Kill points: seeded fractions of the final journal size, ascending (each resumed run goes further).
        var generator = SeededGenerator(seed: 2026)
        let points = (0..<5).map { _ in Double(generator.next() % 900 + 50) / 1000 }.sorted()
        let arguments = runArguments(folder, suite, specs, ["--batch-size", "16"])
        let journal = folder.appendingPathComponent("out/journal.fcj")
        var killedMidRun = 0
        for (attempt, point) in points.enumerated() {
            let (process, out, err) = try CLI.start(attempt == 0 ? arguments : arguments + ["--resume"])
            let drain = DispatchGroup()
            for pipe in [out, err] {
                DispatchQueue.global().async(group: drain) { _ = pipe.fileHandleForReading.readDataToEndOfFile() }
            }
            while process.isRunning && Double(size(journal)) < point * Double(fullJournal) { usleep(200) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killedMidRun += 1
            }
            process.waitUntilExit()
            drain.wait()
        }
        #expect(killedMidRun >= 3, "most kill points land while the run works (\(killedMidRun) of \(points.count))")
        let last = try CLI.run(arguments + ["--resume"])
        #expect(last.status == reference.status, "\(last.stderr)")
        #expect(
            try CLI.normalisedReport(folder.appendingPathComponent("out/report.json"))
                == CLI.normalisedReport(folder.appendingPathComponent("reference/report.json")))
    }
}
