import ArgumentParser
import BiometricMetrics
import ConformanceReports
import ConformanceRunner
import ConformanceVectors
import Crypto
import Dispatch
import Foundation
import MatcherPlugins
import ReferenceMatchers

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One conformance run as the CLI does it (`facecert run` and the default job): load and verify the suite and the
/// profile, start the matcher, run with progress and Ctrl-C handling, write the reports, print the summary, and
/// map the outcome to the exit status.
///
/// Exit statuses: 0 every "shall" requirement passes; 1 one fails; 2 none fails but one is inconclusive;
/// 64 usage error (including `--resume` with other parameters); 65 invalid suite, profile or plugin;
/// 74 an output file could not be written; 130 interrupted (Ctrl-C) — the partial report is written.
struct RunJob {
    var suitePath: String
    var imagesPath: String?
    var profile: String
    var specsPath: String?
    var matcherSpec: String
    var threshold: Double?
    var outputPath: String
    var formats: [ReportFormat]
    var jobs: Int
    var seed: UInt64?
    var resume: Bool
    var overwrite: Bool
    var batchSize: Int
    /// Pass the suite's eye positions to a matcher that accepts them (`--no-eye-positions` turns it off).
    var provideEyePositions = true

    /// The built-in matchers of the CLI: the reference LBPH matcher plus the plumbing matchers of MatcherPlugins.
    static var builtIns: [String: MatcherFactory.BuiltIn] {
        var table = MatcherFactory.plumbingBuiltIns
        table["lbph"] = { try LBPHMatcher() }
        return table
    }

    /// Runs and returns the exit status (never throws for findings; throws `ExitCode` for usage and input errors
    /// after printing the message).
    func execute() throws -> Int32 {
        let suiteURL = URL(fileURLWithPath: suitePath)
        let suite: VectorSuite
        do {
            suite = try SuiteLoader.load(
                suiteURL, options: SuiteLoadOptions(imageRoot: imagesPath.map { URL(fileURLWithPath: $0) }))
        } catch {
            throw Self.fail(65, "invalid suite \(suitePath): \(error.message)")
        }
        let profile: ThresholdProfile
        do {
            let catalog = try ProfileCatalog.locate(specsDirectory: specsPath.map { URL(fileURLWithPath: $0) })
            profile = try catalog.profile(self.profile)
        } catch {
            throw Self.fail(65, "invalid profile \(self.profile): \(error.message)")
        }
        let spec: MatcherSpec
        do {
            spec = try MatcherSpec(parsing: matcherSpec)
        } catch {
            throw Self.fail(64, "--matcher \(matcherSpec): \(error.message)")
        }
        var configuration = PluginConfiguration()
        configuration.workers = max(1, jobs)
        if let limits = profile.timeLimits {
            // A call over the profile's limit is still judged on the median; the adapter's own time-out (which
            // kills a hung plugin) stays well above it so that slow calls are measured, not cut off.
            if let seconds = limits.templateCreationSeconds {
                configuration.limits.templateTime = max(configuration.limits.templateTime, .seconds(seconds * 10))
            }
            if let seconds = limits.comparisonSeconds {
                configuration.limits.comparisonTime = max(configuration.limits.comparisonTime, .seconds(seconds * 10))
            }
        }
        try? FileManager.default.createDirectory(atPath: outputPath, withIntermediateDirectories: true)
        configuration.stderrLogPath = URL(fileURLWithPath: outputPath).appendingPathComponent("plugin-stderr.log").path
        let matcher: any HostedMatcher
        do {
            matcher = try MatcherFactory(builtIns: Self.builtIns, configuration: configuration).make(spec)
        } catch {
            throw Self.fail(65, "cannot start the matcher \(matcherSpec): \(error.message)")
        }
        defer { matcher.close() }

        let plan = EvaluationPlan(suite: suite, profile: profile)
        // Said up front (and again in the report): a suite below the profile's minimums can only be inconclusive.
        let minimums = profile.minimumSampleSizes
        let shortfalls = [
            ("subjects", suite.subjects.count, minimums.subjects),
            ("mated comparisons", suite.comparisons.matedCount, minimums.matedComparisons),
            ("non-mated comparisons", suite.comparisons.nonMatedCount, minimums.nonMatedComparisons),
        ].compactMap { name, actual, minimum in
            minimum.flatMap { actual < $0 ? "\(actual) \(name) (minimum \($0))" : nil }
        }
        if !shortfalls.isEmpty {
            FileHandle.standardError.write(
                Data(
                    ("facecert: warning: suite \(suite.reference) is below the minimum sample sizes of "
                        + "\(profile.reference): \(shortfalls.joined(separator: ", ")); every requirement can only be "
                        + "inconclusive\n").utf8))
        }
        let journalPath = URL(fileURLWithPath: outputPath).appendingPathComponent(RunOptions.journalFileName).path
        if resume && !FileManager.default.fileExists(atPath: journalPath) {
            FileHandle.standardError.write(
                Data("facecert: no journal in \(outputPath) to resume; starting a new run there\n".utf8))
        }
        // A random seed stays below 2^53 so that every JSON reader (JavaScript included) reads it exactly.
        let resolvedSeed = seed ?? (resume ? (try? ConformanceRunner.parameters(journalAt: outputPath).seed) : nil)
        let options = RunOptions(
            outputDirectory: outputPath, matcherSpec: matcherSpec, matcherFileSHA256: Self.fileSHA256(of: spec),
            threshold: threshold, seed: resolvedSeed ?? UInt64.random(in: 0..<(1 << 53)), jobs: jobs,
            batchSize: batchSize, resume: resume, overwrite: overwrite, suitePath: suite.manifestURL.path,
            imagesPath: imagesPath.map { URL(fileURLWithPath: $0).standardizedFileURL.path },
            facecertVersion: FaceCertVersion.current, provideEyePositions: provideEyePositions)
        let cancellation = RunCancellation()
        let interrupts = InterruptHandler(cancellation: cancellation)
        defer { interrupts.restore() }

        let report: ConformanceReport
        do {
            report = try ConformanceRunner(
                plan: plan, matcher: matcher, options: options, progress: TerminalProgress.ifTerminal(),
                cancellation: cancellation
            ).run()
        } catch {
            throw Self.fail(Self.status(for: error), error.message)
        }
        return try Self.publish(report, formats: formats, to: outputPath, interrupted: cancellation.isCancelled)
    }

    /// Writes the report files, prints the summary and returns the exit status of the verdict.
    static func publish(_ report: ConformanceReport, formats: [ReportFormat], to outputPath: String, interrupted: Bool)
        throws -> Int32
    {
        let writer = ReportWriter()
        let files: [URL]
        do {
            files = try writer.write(report, formats: formats, to: URL(fileURLWithPath: outputPath))
        } catch {
            throw fail(74, error.description)
        }
        print(writer.terminalSummary(report, files: files), terminator: "")
        if interrupted {
            FileHandle.standardError.write(
                Data("facecert: interrupted; the partial report is marked incomplete. Continue with --resume.\n".utf8))
            return 130
        }
        return exitStatus(report.verdict)
    }

    static func exitStatus(_ verdict: Verdict) -> Int32 {
        switch verdict {
        case .pass: 0
        case .fail: 1
        case .inconclusive: 2
        }
    }

    static func status(for error: RunError) -> Int32 {
        if error.code.isInvalidInput { return 65 }
        switch error.code {
        case .usage, .journalExists, .journalMismatch: return 64
        case .io: return 74
        default: return 65
        }
    }

    /// Prints `facecert: message` to stderr and returns the exit code to throw.
    static func fail(_ status: Int32, _ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("facecert: \(message)\n".utf8))
        return ExitCode(status)
    }

    /// SHA-256 of the plugin's file: the library of `lib:`, or the first existing file among an `exec:`
    /// command's arguments after the program (the script), else the program itself.
    static func fileSHA256(of spec: MatcherSpec) -> String? {
        let path: String?
        switch spec {
        case .builtIn: path = nil
        case .sharedLibrary(let library), .sharedLibraryInProcess(let library): path = library
        case .executable(let command):
            let manager = FileManager.default
            path = command.dropFirst().first { manager.fileExists(atPath: $0) } ?? command.first.flatMap {
                manager.fileExists(atPath: $0) ? $0 : nil
            }
        }
        guard let path, let data = FileManager.default.contents(atPath: path) else { return nil }
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}

/// Turns the first SIGINT into a clean stop (partial report, journal intact) and a second one into an
/// immediate exit (the journal still resumes). `@unchecked Sendable`: the dispatch source is set up once in
/// `init` and only cancelled afterwards.
final class InterruptHandler: @unchecked Sendable {
    private let source: any DispatchSourceSignal

    init(cancellation: RunCancellation) {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            if cancellation.isCancelled {
                _exit(130)
            }
            FileHandle.standardError.write(
                Data("\nfacecert: stopping after the calls in flight (Ctrl-C again to quit at once)…\n".utf8))
            cancellation.cancel()
        }
        source.resume()
        self.source = source
    }

    func restore() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
