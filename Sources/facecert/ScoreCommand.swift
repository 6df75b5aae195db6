import ArgumentParser
import BiometricMetrics
import ConformanceRunner
import ConformanceVectors
import Foundation

/// `facecert score FILE`: error rates, EER, FNMR at FMR and confidence intervals from a score file produced anywhere.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Compute FMR, FNMR, EER and FNMR at FMR from a score file.",
        discussion: """
            Formats: bob4 (`claimed_id real_id test_label score`), bob5 (`claimed_id model_label real_id \
            test_label score`), both mated iff claimed_id == real_id, and csv (`verification,enrolment,mated,score`, \
            optional header). An empty or NaN score is a failed comparison: it is excluded from FMR/FNMR and counted \
            by the generalised FAR/FRR (ISO/IEC 19795-1). Thresholds are inclusive. Intervals are two-sided \
            Clopper–Pearson at --confidence; --bootstrap B adds a subjects bootstrap (bob files: claimed_id and \
            real_id are the subjects). --profile judges every requirement of a threshold profile exactly as             `facecert run` does: a requirement at the declared threshold is read at --threshold (required then),             one at an FMR target at the threshold reaching it on these scores; FTE and FTA are not judged (a score             file has no enrolment data). Exit status 0 on success (with --profile: 0 pass, 1 fail, 2             inconclusive), 64 for usage errors, 65 for malformed files or an invalid profile.
            """)

    @Argument(help: "The score file.")
    var file: String

    @Option(help: "bob4, bob5 or csv (default: csv for .csv files or lines with commas, else by column count).")
    var format: ScoreFile.Format?

    @Option(help: "similarity (accept iff score >= threshold) or distance (accept iff score <= threshold).")
    var kind: ScoreKind = .similarity

    @Option(help: "Report FMR, FNMR, FAR and FRR at this decision threshold.")
    var threshold: Double?

    @Option(name: .customLong("at-fmr"), help: "Extra FMR target for FNMR at FMR (repeatable); 1e-2…1e-6 always.")
    var fmrTargets: [Double] = []

    @Option(help: "Judge the scores against this threshold profile: ID, ID@VERSION or a profile file.")
    var profile: String?

    @Option(help: "The specs/ folder of profiles (default: FACECERT_SPECS, else specs/ here or above).")
    var specs: String?

    @Option(help: "Confidence level of the intervals, in (0, 1).")
    var confidence: Double = 0.95

    @Option(help: "With --threshold and a bob file: also a subjects bootstrap with this many replicates (>= 100).")
    var bootstrap: Int?

    @Option(help: "Seed of the subjects bootstrap.")
    var seed: UInt64 = 1

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    func validate() throws {
        guard confidence > 0, confidence < 1 else {
            throw ValidationError("--confidence \(confidence) must be in (0, 1), e.g. 0.95")
        }
        if let threshold, threshold.isNaN { throw ValidationError("--threshold must be a number") }
        if let bootstrap {
            guard bootstrap >= 100 else {
                throw ValidationError("--bootstrap \(bootstrap): use at least 100 replicates")
            }
            guard threshold != nil else { throw ValidationError("--bootstrap needs --threshold") }
        }
        for target in fmrTargets where !(target > 0 && target <= 1) {
            throw ValidationError("--at-fmr \(target) must be in (0, 1], e.g. 1e-4")
        }
        if specs != nil, profile == nil { throw ValidationError("--specs needs --profile") }
    }

    /// A profile that cannot be found or read (exit status 65, as `facecert run`).
    struct ProfileError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    func run() throws {
        let output: (text: String, verdict: Verdict?)
        do {
            output = try evaluate()
        } catch let error as ScoreFile.ReadError {
            FileHandle.standardError.write(Data("facecert score: \(error)\n".utf8))
            throw ExitCode(65)
        } catch let error as MetricsError {
            FileHandle.standardError.write(Data("facecert score: \(file): \(error.message)\n".utf8))
            throw ExitCode(65)
        } catch let error as ProfileError {
            FileHandle.standardError.write(Data("facecert score: \(error.message)\n".utf8))
            throw ExitCode(65)
        }
        print(output.text)
        if let verdict = output.verdict, verdict != .pass { throw ExitCode(RunJob.exitStatus(verdict)) }
    }

    /// The text or JSON the command prints.
    func report() throws -> String { try evaluate().text }

    /// The profile named by `--profile`, from the same catalog `facecert run` reads.
    ///
    /// - Throws: ``ProfileError`` when it cannot be found or read.
    func loadProfile(_ reference: String) throws -> ThresholdProfile {
        do {
            let catalog = try ProfileCatalog.locate(specsDirectory: specs.map { URL(fileURLWithPath: $0) })
            return try catalog.profile(reference)
        } catch {
            throw ProfileError(message: "invalid profile \(reference): \(error.message)")
        }
    }

    /// The printed text or JSON, and the overall verdict when `--profile` was given.
    ///
    /// - Throws: ``ScoreFile/ReadError`` for a malformed file, ``ProfileError`` for an unusable profile,
    ///   `ValidationError` when the profile needs `--threshold` and none was given, `MetricsError` for unusable
    ///   scores.
    func evaluate() throws -> (text: String, verdict: Verdict?) {
        let thresholdProfile = try profile.map(loadProfile)
        if let thresholdProfile, threshold == nil {
            let needing = thresholdProfile.requirements.filter {
                $0.operatingPoint == .declaredThreshold && $0.metric != .fte && $0.metric != .fta
            }
            if !needing.isEmpty {
                throw ValidationError(
                    "--profile \(thresholdProfile.reference): "
                        + needing.map { "\($0.id) (\($0.metric.rawValue))" }.joined(separator: ", ")
                        + " \(needing.count == 1 ? "is" : "are") judged at the declared operating threshold; give "
                        + "it with --threshold T (fixed before the scores were seen: a threshold chosen on these "
                        + "scores would make the requirement circular)")
            }
        }
        let scores = try ScoreFile(contentsOf: file, format: format, keepComparisons: bootstrap != nil)
        let format = scores.format
        let set = try ScoreSet(mated: scores.mated, nonMated: scores.nonMated, kind: kind, failures: scores.failures)
        let eer = set.equalErrorRate()
        var targets = ScoreSet.standardFMRTargets
        for target in fmrTargets where !targets.contains(target) { targets.append(target) }
        targets.sort(by: >)
        let points = try targets.map { try set.operatingPoint(atFMR: $0) }
        let bootstrapper = try bootstrap.map { _ in try SubjectBootstrap(comparisons: scores.comparisons, kind: kind) }
        let rates =
            try threshold.map { threshold in
                try [ErrorMetric.fmr, .fnmr, .far, .frr].map {
                    try rate($0, set: set, threshold: threshold, bootstrapper: bootstrapper)
                }
            } ?? []
        let judged = thresholdProfile.map { judge(set, file: scores, against: $0) }
        if json {
            return (
                try jsonReport(set: set, format: format, eer: eer, points: points, rates: rates, judged: judged),
                judged?.verdict
            )
        }
        var text = textReport(set: set, format: format, eer: eer, points: points, rates: rates)
        if let judged { text += "\n\n" + requirementsTable(judged) }
        return (text, judged?.verdict)
    }

    /// A profile's requirements judged on a score file.
    struct Judgement {
        var profile: ThresholdProfile
        var requirements: [ConformanceReport.RequirementResult]
        var verdict: Verdict
        /// Why the sample is below the profile's minimum sizes, if it is.
        var shortfalls: [String]
    }

    /// Judges every requirement of `profile` with the runner's rule (``PlanRequirement/judge``), the minimum
    /// sample sizes read from the file: comparisons attempted (scored + failed), and subjects named by a bob file
    /// (a csv file names none, so a subjects minimum cannot be shown from it).
    private func judge(_ set: ScoreSet, file scores: ScoreFile, against profile: ThresholdProfile) -> Judgement {
        let minimums = profile.minimumSampleSizes
        var shortfalls: [String] = []
        if let minimum = minimums.subjects {
            if let subjects = scores.subjectCount {
                if subjects < minimum { shortfalls.append("\(subjects) subjects (minimum \(minimum))") }
            } else {
                shortfalls.append("subjects unknown: csv columns name samples, not subjects (minimum \(minimum))")
            }
        }
        let mated = set.matedCount + set.failures.mated
        let nonMated = set.nonMatedCount + set.failures.nonMated
        if let minimum = minimums.matedComparisons, mated < minimum {
            shortfalls.append("\(mated) mated comparisons (minimum \(minimum))")
        }
        if let minimum = minimums.nonMatedComparisons, nonMated < minimum {
            shortfalls.append("\(nonMated) non-mated comparisons (minimum \(minimum))")
        }
        let results = profile.requirements.map {
            PlanRequirement($0).judge(
                scores: set, declaredThreshold: threshold, minimumSampleSizesMet: shortfalls.isEmpty,
                enrolmentAndAcquisition: [:])
        }
        let verdict = Verdict.overall(results.map { (level: $0.level, verdict: $0.verdict) })
        return Judgement(profile: profile, requirements: results, verdict: verdict, shortfalls: shortfalls)
    }

    private func requirementsTable(_ judged: Judgement) -> String {
        func percent(_ value: Double?) -> String {
            guard let value else { return "n/a" }
            return String(format: "%.4g %%", value * 100)
        }
        func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
        }
        let profile = judged.profile
        var lines = ["profile \(profile.reference): \(profile.title)"]
        if profile.status != .final {
            lines.append("  the profile is \(profile.status.rawValue.uppercased()): verdicts against it are provisional")
        }
        if !judged.shortfalls.isEmpty {
            lines.append(
                "  below the profile's minimum sample sizes: \(judged.shortfalls.joined(separator: ", ")); every "
                    + "requirement is at best inconclusive")
        }
        let width = max(12, (judged.requirements.map(\.id.count).max() ?? 0) + 1)
        lines.append(
            "  " + pad("requirement", width) + pad("level", 7) + pad("metric", 7) + pad("limit", 12)
                + pad("observed", 12) + pad("upper bound", 13) + pad("errors/trials", 15) + "verdict")
        for result in judged.requirements {
            lines.append(
                "  " + pad(result.id, width) + pad(result.level.rawValue, 7) + pad(result.metric.rawValue, 7)
                    + pad(percent(result.limit), 12) + pad(percent(result.observed), 12)
                    + pad(percent(result.upper), 13) + pad("\(result.errors)/\(result.trials)", 15)
                    + result.verdict.rawValue)
            lines.append("  " + String(repeating: " ", count: width) + result.explanation)
        }
        if Verdict.isReportingOnly(judged.requirements.map(\.level)) {
            lines.append("  " + Verdict.reportingOnlyNote)
        }
        lines.append("verdict: \(judged.verdict.rawValue.uppercased()) (the worst over the \"shall\" requirements)")
        return lines.joined(separator: "\n")
    }

    private func rate(_ metric: ErrorMetric, set: ScoreSet, threshold: Double, bootstrapper: SubjectBootstrap?)
        throws -> Rate
    {
        let count = try set.errorCount(metric, at: threshold)
        var resampled: RateInterval?
        var unavailable: String?
        if let bootstrapper, let replicates = bootstrap {
            do throws(MetricsError) {
                resampled = try bootstrapper.interval(
                    metric, threshold: threshold, confidence: confidence, replicates: replicates, seed: seed)
            } catch {
                guard error.code == .emptyInput else { throw error }
                unavailable = error.message  // too few subjects: say so and keep the other numbers
            }
        }
        return Rate(
            metric: metric, count: count, interval: try ClopperPearson.interval(count, confidence: confidence),
            bootstrap: resampled, bootstrapUnavailable: unavailable)
    }

    static func key(_ target: Double) -> String { "\(target)" }

    /// One rate at the threshold with its intervals.
    struct Rate {
        var metric: ErrorMetric
        var count: ErrorCount
        var interval: RateInterval
        var bootstrap: RateInterval?
        var bootstrapUnavailable: String?
    }

    private func jsonReport(
        set: ScoreSet, format: ScoreFile.Format, eer: EqualErrorRate?, points: [BiometricMetrics.OperatingPoint],
        rates: [Rate], judged: Judgement?
    ) throws -> String {
        func number(_ value: Double?) -> Any {
            guard let value else { return NSNull() }
            if value.isInfinite { return value > 0 ? "Infinity" : "-Infinity" }
            return value
        }
        var object: [String: Any] = [
            "file": file, "format": format.rawValue, "kind": kind.rawValue,
            "mated": set.matedCount, "nonMated": set.nonMatedCount,
            "failures": ["mated": set.failures.mated, "nonMated": set.failures.nonMated],
            "eer": number(eer?.value), "eerThreshold": number(eer?.threshold),
            "eerFVC": eer.map { ["low": $0.fvcLow, "high": $0.fvcHigh, "threshold": number($0.fvcThreshold)] as Any }
                ?? NSNull(),
        ]
        var atFMR: [String: Any] = [:]
        for point in points {
            atFMR[Self.key(point.targetFMR)] =
                point.isReachable
                ? [
                    "reachable": true, "fnmr": number(point.fnmr), "fmr": number(point.fmr),
                    "threshold": number(point.threshold),
                ]
                : [
                    "reachable": false, "fnmr": NSNull(), "fmr": NSNull(), "threshold": NSNull(),
                    "nonMatedNeeded": point.nonMatedNeeded,
                ]
        }
        object["fnmrAtFmr"] = atFMR
        if let threshold {
            object["threshold"] = number(threshold)
            for rate in rates {
                var entry: [String: Any] = [
                    "value": number(rate.count.rate), "lower": rate.interval.lower, "upper": rate.interval.upper,
                    "confidence": rate.interval.confidence, "method": rate.interval.method.rawValue,
                    "sides": rate.interval.sides.rawValue, "errors": rate.count.errors, "trials": rate.count.trials,
                    "formula": Self.formula(rate.metric),
                ]
                if let resampled = rate.bootstrap, let replicates = bootstrap {
                    entry["bootstrap"] = [
                        "lower": resampled.lower, "upper": resampled.upper, "confidence": resampled.confidence,
                        "method": resampled.method.rawValue, "sides": resampled.sides.rawValue,
                        "replicates": replicates, "seed": seed,
                    ]
                }
                if let reason = rate.bootstrapUnavailable { entry["bootstrap"] = ["unavailable": reason] }
                object[rate.metric.rawValue.lowercased()] = entry
            }
        }
        if let judged {
            object["profile"] = judged.profile.reference
            object["verdict"] = judged.verdict.rawValue
            if Verdict.isReportingOnly(judged.requirements.map(\.level)) { object["note"] = Verdict.reportingOnlyNote }
            object["minimumSampleSizeShortfalls"] = judged.shortfalls
            let encoder = JSONEncoder()
            object["requirements"] = try judged.requirements.map {
                try JSONSerialization.jsonObject(with: try encoder.encode($0))
            }
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    static func formula(_ metric: ErrorMetric) -> String {
        switch metric {
        case .fmr: "false matches / non-mated scored"
        case .fnmr: "false non-matches / mated scored"
        case .far: "FMR·(1−FTA): false matches / non-mated attempted (ISO/IEC 19795-1 generalised)"
        case .frr: "FTA + FNMR·(1−FTA): (failed + rejected mated) / mated attempted (ISO/IEC 19795-1 generalised)"
        case .fte, .fta: "failures / attempts"
        }
    }

    private func textReport(
        set: ScoreSet, format: ScoreFile.Format, eer: EqualErrorRate?, points: [BiometricMetrics.OperatingPoint],
        rates: [Rate]
    ) -> String {
        func percent(_ value: Double?) -> String {
            guard let value else { return "undefined" }
            return String(format: "%.4f %%", value * 100)
        }
        func score(_ value: Double) -> String { value.isFinite ? String(format: "%.6g", value) : "\(value)" }
        func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
        }
        var lines: [String] = []
        lines.append("\(file) (\(format.rawValue), \(kind.rawValue) scores, thresholds inclusive)")
        lines.append(
            "comparisons  mated \(set.matedCount) scored + \(set.failures.mated) failed   non-mated "
                + "\(set.nonMatedCount) scored + \(set.failures.nonMated) failed")
        if let eer {
            lines.append(
                "EER          \(percent(eer.value)) at threshold \(score(eer.threshold)) (FMR \(percent(eer.fmr)), "
                    + "FNMR \(percent(eer.fnmr)); FVC interval [\(percent(eer.fvcLow)), \(percent(eer.fvcHigh))])")
        } else {
            lines.append("EER          undefined: needs both mated and non-mated scores")
        }
        lines.append("")
        lines.append("FNMR at FMR (most permissive threshold with FMR ≤ target)")
        lines.append("  " + pad("FMR target", 12) + pad("FNMR", 14) + pad("threshold", 14) + "achieved FMR")
        for point in points {
            let target = pad(Self.key(point.targetFMR), 12)
            if point.isReachable {
                lines.append(
                    "  " + target + pad(percent(point.fnmr), 14) + pad(score(point.threshold), 14)
                        + percent(point.fmr))
            } else {
                lines.append(
                    "  " + target + "not reachable: needs ≥ \(point.nonMatedNeeded) non-mated comparisons, have "
                        + "\(set.nonMatedCount)")
            }
        }
        if let threshold {
            lines.append("")
            let level = String(format: "%g", confidence * 100)
            lines.append("at threshold \(score(threshold)) (\(level) % two-sided Clopper–Pearson intervals)")
            lines.append(
                "  " + pad("rate", 6) + pad("value", 14) + pad("lower", 14) + pad("upper", 14)
                    + pad("errors/trials", 16)
                    + "formula")
            for rate in rates {
                lines.append(
                    "  " + pad(rate.metric.rawValue, 6) + pad(percent(rate.count.rate), 14)
                        + pad(percent(rate.interval.lower), 14) + pad(percent(rate.interval.upper), 14)
                        + pad(rate.count.description, 16) + Self.formula(rate.metric))
            }
            if let replicates = bootstrap {
                lines.append("")
                lines.append(
                    "subjects bootstrap (\(replicates) replicates, seed \(seed), \(level) % two-sided percentile; "
                        + "resamples subjects, keeps correlation between their comparisons)")
                for rate in rates {
                    guard let resampled = rate.bootstrap else {
                        lines.append("  " + pad(rate.metric.rawValue, 6) + (rate.bootstrapUnavailable ?? "unavailable"))
                        continue
                    }
                    lines.append(
                        "  " + pad(rate.metric.rawValue, 6) + pad(percent(rate.count.rate), 14)
                            + pad(percent(resampled.lower), 14) + percent(resampled.upper))
                }
            }
        }
        return lines.joined(separator: "\n")
    }
}

extension ScoreFile.Format: ExpressibleByArgument {}
extension ScoreKind: ExpressibleByArgument {}
