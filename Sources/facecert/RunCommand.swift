import ArgumentParser
import ConformanceReports
import ConformanceRunner
import Foundation

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a conformance evaluation: a suite and a profile against a matcher.",
        discussion: """
            Verifies the suite (every hash) and the profile, creates each needed template once, runs the \
            comparisons in an order shuffled with the seed, judges every requirement and writes the reports. \
            Templates and scores are journalled to the output folder as they are produced: a killed run \
            continues with --resume without redoing work; Ctrl-C stops cleanly with a partial report.

            Exit status: 0 every "shall" requirement passes; 1 one fails; 2 none fails but one is \
            inconclusive; 64 usage error (also --resume with other parameters); 65 invalid suite, profile or \
            plugin; 74 the reports could not be written; 130 interrupted.
            """)

    @Option(help: "The suite folder (holding suite.json).")
    var suite: String

    @Option(help: "The image root of a suite whose images are not bundled.")
    var images: String?

    @Option(help: "The threshold profile: ID, ID@VERSION or a profile file.")
    var profile: String

    @Option(help: "The specs/ folder of profiles (default: FACECERT_SPECS, else specs/ here or above).")
    var specs: String?

    @Option(help: "The matcher: a built-in (lbph, tiny, noop), lib:PATH, lib-inprocess:PATH or exec:\"COMMAND\".")
    var matcher: String

    @Option(help: "The operating threshold (default: the matcher's declared one, else the profile's target FMR).")
    var threshold: Double?

    @Option(help: "The output folder for the journal and the reports.")
    var out: String = "facecert-report"

    @Option(help: "Report formats: a comma-separated list of json, junit, md, html, or all.")
    var format: String = "all"

    @Option(help: "Threads calling the matcher (default: the number of cores).")
    var jobs: Int = RunOptions.defaultJobs

    @Option(help: "The seed of the shuffled call order (default: random, recorded in the report).")
    var seed: UInt64?

    @Flag(help: "Continue the run journalled in the output folder.")
    var resume = false

    @Flag(help: "Discard a journal already in the output folder and start over.")
    var force = false

    @Option(name: .customLong("batch-size"), help: "Comparisons per call of the matcher's batch interface.")
    var batchSize: Int = 1024

    @Flag(
        inversion: .prefixedNo,
        help: ArgumentHelp(
            "Give the suite's annotated eye positions to a matcher that accepts them (in-process Swift matchers).",
            discussion: "With --no-eye-positions every matcher gets pixels only, as in NIST FRTE 1:1. The report "
                + "records which; --resume requires the same choice."))
    var eyePositions = true

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
        guard !(resume && force) else { throw ValidationError("--resume and --force exclude each other") }
        if let threshold, !threshold.isFinite { throw ValidationError("--threshold must be a finite number") }
        do {
            _ = try ReportFormat.parseList(format)
        } catch {
            throw ValidationError(error.message)
        }
    }

    func run() throws {
        let formats: [ReportFormat]
        do {
            formats = try ReportFormat.parseList(format)
        } catch {
            throw ValidationError(error.message)
        }
        let status = try RunJob(
            suitePath: suite, imagesPath: images, profile: profile, specsPath: specs, matcherSpec: matcher,
            threshold: threshold, outputPath: out, formats: formats, jobs: jobs, seed: seed, resume: resume,
            overwrite: force, batchSize: batchSize, provideEyePositions: eyePositions
        ).execute()
        if status != 0 { throw ExitCode(status) }
    }
}
