import BiometricMetrics
import ConformanceReports
import ConformanceRunner
import ConformanceVectors
import Foundation
import MatcherPlugins

/// The seed of every helper run unless the caller gives one: fixed, so that a test sees the same call order and
/// the same report on every machine (as snapshot tests do).
public let defaultConformanceSeed: UInt64 = 0x00FA_CECE_2726

/// Runs a conformance evaluation of an in-process matcher exactly as `facecert run` does, writes every report
/// file, and returns the report with the problems a test should report — without recording anything.
///
/// ``expectConformance(of:suite:images:profile:specs:threshold:reportDirectory:inconclusiveIsFailure:seed:jobs:sourceLocation:)``
/// records these problems as Swift Testing issues; call this one to assert on the report yourself.
///
/// The steps are those of `facecert run`: the suite is loaded with every image hash verified
/// (`SuiteLoader`), the profile resolved from a catalog, the matcher wrapped in the same `InProcessMatcher`
/// adapter as the CLI's built-in matchers (identity check, result checks, time limits), and the
/// `ConformanceRunner` runs, journals and judges. Nothing is evaluated here.
///
/// - Parameters:
///   - matcher: The matcher under test; it is called from several threads at once (`FaceMatcher` is `Sendable`).
///   - suite: The suite folder (holding `suite.json`).
///   - images: The image root of a suite whose images are not bundled.
///   - profile: A profile id (`facecert-demo`), `id@version`, or the path of a profile `.json` file.
///   - specs: A `specs/` folder to resolve `profile` in; default `FACECERT_SPECS`, else facecert's own
///     (``FaceCertResources/specsDirectory``).
///   - threshold: The operating threshold; default the matcher's declared one, else the profile's target FMR.
///   - reportDirectory: Where the journal and report files go (an existing journal there is replaced); default
///     a new folder under the temporary directory. Its path is in every problem's message.
///   - inconclusiveIsFailure: Whether an inconclusive "shall" requirement is a failure (default) or a warning.
///   - seed: The seed of the shuffled call order.
///   - jobs: Threads calling the matcher.
/// - Returns: The report, its folder and files, and the problems.
/// - Throws: ``FaceCertTestingError`` when the run cannot happen: invalid suite or profile, unusable matcher
///   identity, journal or report files not writable. Cancelling the task stops the run early; its report is then
///   incomplete, which is a problem, not an error.
/// - Complexity: One template per needed image and role, one comparison per pair of the suite.
public func evaluateConformance(
    of matcher: some FaceMatcher, suite: URL, images: URL? = nil, profile: String, specs: URL? = nil,
    threshold: Double? = nil, reportDirectory: URL? = nil, inconclusiveIsFailure: Bool = true,
    seed: UInt64 = defaultConformanceSeed, jobs: Int = RunOptions.defaultJobs
) async throws(FaceCertTestingError) -> ConformanceCheck {
    if let threshold, !threshold.isFinite {
        throw FaceCertTestingError(.invalidArgument, "the threshold must be a finite number, got \(threshold)")
    }
    let loaded: VectorSuite
    do {
        loaded = try SuiteLoader.load(suite, options: SuiteLoadOptions(imageRoot: images))
    } catch {
        throw FaceCertTestingError(.invalidSuite, "invalid suite \(suite.path): \(error.message)")
    }
    let thresholdProfile: ThresholdProfile
    do {
        if profile.hasSuffix(".json") {
            thresholdProfile = try ThresholdProfile.load(from: URL(fileURLWithPath: profile))
        } else {
            thresholdProfile = try FaceCertResources.profileCatalog(specs: specs).profile(profile)
        }
    } catch let error as FaceCertTestingError {
        throw error
    } catch let error as VectorsError {
        let code: FaceCertTestingError.Code = error.code == .profileNotFound ? .profileNotFound : .invalidProfile
        throw FaceCertTestingError(code, "profile \(profile): \(error.message)")
    } catch {
        throw FaceCertTestingError(.invalidProfile, "profile \(profile): \(error)")
    }

    // The same adapter and limits as the CLI's built-in matchers (RunJob): a call over the profile's time limit is
    // judged on the median, so the adapter's own limit stays ten times above it.
    var limits = PluginLimits.default
    if let seconds = thresholdProfile.timeLimits?.templateCreationSeconds {
        limits.templateTime = max(limits.templateTime, .seconds(seconds * 10))
    }
    if let seconds = thresholdProfile.timeLimits?.comparisonSeconds {
        limits.comparisonTime = max(limits.comparisonTime, .seconds(seconds * 10))
    }
    let hosted: InProcessMatcher
    do {
        hosted = try InProcessMatcher(matcher, limits: limits)
    } catch {
        throw FaceCertTestingError(.invalidMatcher, "the matcher \(type(of: matcher)) cannot be run: \(error.message)")
    }
    defer { hosted.close() }

    let directory = (reportDirectory ?? temporaryReportDirectory(matcher: matcher.identity, profile: thresholdProfile))
        .standardizedFileURL
    let options = RunOptions(
        outputDirectory: directory.path, matcherSpec: "swift:\(String(reflecting: type(of: matcher)))",
        threshold: threshold, seed: seed, jobs: max(1, jobs), overwrite: true, suitePath: loaded.manifestURL.path,
        imagesPath: images?.standardizedFileURL.path, facecertVersion: FaceCertVersion.current)
    let runner = ConformanceRunner(
        plan: EvaluationPlan(suite: loaded, profile: thresholdProfile), matcher: hosted, options: options)

    let report: ConformanceReport
    do {
        report = try await runOffTheCooperativePool(runner)
    } catch {
        throw FaceCertTestingError(.runFailed, "the run in \(directory.path) failed: \(error.message)")
    }
    let files: [URL]
    do {
        files = try ReportWriter().write(report, formats: ReportFormat.allCases, to: directory)
    } catch {
        throw FaceCertTestingError(.reportNotWritten, error.description)
    }
    let problems = ConformanceProblems(
        report: report, profile: thresholdProfile, reportDirectory: directory,
        inconclusiveIsFailure: inconclusiveIsFailure
    ).all()
    return ConformanceCheck(report: report, reportDirectory: directory, reportFiles: files, problems: problems)
}

/// `TMPDIR/facecert-NAME-PROFILE-UUID`.
func temporaryReportDirectory(matcher: MatcherIdentity, profile: ThresholdProfile) -> URL {
    let name = matcher.name.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" }
    return FileManager.default.temporaryDirectory.appendingPathComponent(
        "facecert-\(String(name))-\(profile.id)-\(UUID().uuidString)", isDirectory: true)
}

/// Runs the runner on its own thread (`ConformanceRunner.runDetached()`), so that a test's cooperative thread pool
/// (two threads on a two-core machine) is never held for the length of a run; cancelling the task cancels the run,
/// which then ends with a report marked incomplete.
private func runOffTheCooperativePool(_ runner: ConformanceRunner) async throws(RunError) -> ConformanceReport {
    let result: Result<ConformanceReport, RunError> = await withTaskCancellationHandler {
        do throws(RunError) {
            return .success(try await runner.runDetached())
        } catch {
            return .failure(error)
        }
    } onCancel: {
        runner.cancellation.cancel()
    }
    return try result.get()
}
