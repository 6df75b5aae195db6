import BiometricMetrics
import ConformanceRunner
import Foundation
import Testing

/// Fixed conformance reports for golden-file and property tests: a fully populated failing run against a draft
/// profile, a run without any score, a run with zero errors, and an interrupted one.
///
/// Curves and histograms come from two normal score distributions (mated N(0.70, 0.09), non-mated
/// N(0.268, 0.08)) turned into whole counts, so every value is an exact ratio of integers.
enum SampleReports {
    struct Named: CustomTestStringConvertible, Sendable {
        var name: String
        var report: ConformanceReport
        var testDescription: String { name }
    }

    static var all: [Named] {
        [
            Named(name: "full", report: full),
            Named(name: "no-scores", report: noScores),
            Named(name: "zero-errors", report: zeroErrors),
            Named(name: "interrupted", report: interrupted),
        ]
    }

    static let matedCount = 2_000
    static let nonMatedCount = 100_000

    /// P(Z > (t − mean) / sd) for a normal Z.
    static func upperTail(_ t: Double, mean: Double, sd: Double) -> Double {
        0.5 * erfc((t - mean) / (sd * 2.0.squareRoot()))
    }

    static func det(mated: Int, nonMated: Int) -> [ConformanceReport.DETPoint] {
        stride(from: 0, through: 50, by: 1).map { step in
            let t = Double(step) / 50
            let falseMatches = (Double(nonMated) * upperTail(t, mean: 0.268, sd: 0.08)).rounded()
            let falseNonMatches = (Double(mated) * (1 - upperTail(t, mean: 0.70, sd: 0.09))).rounded()
            return .init(
                threshold: t, fmr: falseMatches / Double(nonMated), fnmr: falseNonMatches / Double(mated))
        }
    }

    static func histograms(mated: Int, nonMated: Int) -> ConformanceReport.ScoreHistograms {
        let edges = stride(from: 0, through: 40, by: 1).map { Double($0) / 40 }
        func counts(_ n: Int, mean: Double, sd: Double) -> [Int] {
            (0..<40).map { i in
                Int(
                    (Double(n) * (upperTail(edges[i], mean: mean, sd: sd) - upperTail(edges[i + 1], mean: mean, sd: sd)))
                        .rounded())
            }
        }
        return .init(
            edges: edges, mated: counts(mated, mean: 0.70, sd: 0.09), nonMated: counts(nonMated, mean: 0.268, sd: 0.08))
    }

    static let started = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18T…Z

    static var full: ConformanceReport {
        ConformanceReport(
            complete: true,
            tool: .init(version: "0.1.0", libpngVersion: "1.6.39"),
            suite: .init(
                id: "facecert-demo-suite", version: "1.2.0", title: "Demo suite: London & ORL faces",
                status: "published",
                digest: "9f2c1e0b7a3d4c5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6",
                subjects: 140, images: 1_000),
            profile: .init(
                id: "fido-face-draft", version: "0.9.0", title: "FIDO-like face verification (draft)",
                status: "draft", source: "FIDO Biometric Requirements v3.0 §6.2 <draft> & notes"),
            matcher: .init(
                spec: "lib:/opt/acme/libacme|face.so", name: "acme-face", version: "2.1.0-beta",
                vendor: "Acme <Biometrics> & Co | \"Ltd\" `x` *bold* [link](http://evil.example)",
                scoreKind: .similarity, declaredThreshold: 0.52,
                fileSHA256: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                eyePositionsProvided: false),
            threshold: .init(value: 0.52, source: .declared),
            seed: 18_446_744_073_709_551_557,
            startedAt: started,
            endedAt: started.addingTimeInterval(754.25),
            counts: .init(
                images: 1_000, templatesAttempted: 1_000, templatesFailed: 5, enrolmentFailures: 4,
                acquisitionFailures: 1, matedPlanned: 2_010, nonMatedPlanned: 100_020, matedScored: 2_000,
                nonMatedScored: 100_000, matedFailed: 10, nonMatedFailed: 20, subjects: 140),
            rates: [
                .init(
                    metric: .fmr, formula: "FMR = non-mated accepted / non-mated scored (failures excluded)",
                    errors: 82, trials: 100_000, value: 0.00082,
                    interval: .init(lower: 0.000652, upper: 0.000979, confidence: 0.95, method: "clopper-pearson"),
                    threshold: 0.52),
                .init(
                    metric: .fnmr, formula: "FNMR = mated rejected / mated scored (failures excluded)",
                    errors: 47, trials: 2_000, value: 0.0235,
                    interval: .init(lower: 0.0173, upper: 0.0311, confidence: 0.95, method: "clopper-pearson"),
                    threshold: 0.52),
                .init(
                    metric: .fte, formula: "FTE = enrolment failures / enrolment attempts", errors: 4, trials: 1_000,
                    value: 0.004,
                    interval: .init(lower: 0.00109, upper: 0.0102, confidence: 0.95, method: "clopper-pearson"),
                    threshold: nil),
                .init(
                    metric: .frr, formula: "FRR = FTA + FNMR·(1−FTA) (ISO/IEC 19795-1 generalised)", errors: 48,
                    trials: 2_000, value: 0.024,
                    interval: .init(lower: 0.0177, upper: 0.0317, confidence: 0.95, method: "clopper-pearson"),
                    threshold: 0.52),
            ],
            eer: .init(value: 0.0055, threshold: 0.4713, low: 0.0051, high: 0.0059),
            fnmrAtFMR: [
                .init(targetFMR: 1e-2, reachable: true, threshold: 0.4541, fmr: 0.00997, fnmr: 0.0031),
                .init(targetFMR: 1e-3, reachable: true, threshold: 0.5152, fmr: 0.00099, fnmr: 0.02),
                .init(targetFMR: 1e-4, reachable: true, threshold: 0.5655, fmr: 0.0001, fnmr: 0.0676),
                .init(targetFMR: 1e-5, reachable: true, threshold: 0.6092, fmr: 0.00001, fnmr: 0.1565),
                .init(targetFMR: 1e-6, reachable: false, threshold: nil, fmr: nil, fnmr: nil),
            ],
            requirements: [
                .init(
                    id: "FMR-1", metric: .fmr, level: .shall, limit: 0.001, observed: 0.00082, errors: 82,
                    trials: 100_000, lower: 0, upper: 0.000979, confidence: 0.95,
                    method: "clopper-pearson one-sided upper", verdict: .pass, additionalTrialsNeeded: nil,
                    explanation: "The 95 % upper bound 0.0979 % is at or below the limit 0.1 %."),
                .init(
                    id: "FNMR-1", metric: .fnmr, level: .shall, limit: 0.02, observed: 0.0235, errors: 47,
                    trials: 2_000, lower: 0.0173, upper: 0.0311, confidence: 0.95,
                    method: "clopper-pearson two-sided", verdict: .fail, additionalTrialsNeeded: nil,
                    explanation: "The observed FNMR 2.35 % exceeds the limit 2 %."),
                .init(
                    id: "FTE-1", metric: .fte, level: .shall, limit: 0.01, observed: 0.004, errors: 4,
                    trials: 1_000, lower: 0, upper: 0.0102, confidence: 0.95,
                    method: "clopper-pearson one-sided upper", verdict: .inconclusive, additionalTrialsNeeded: 620,
                    explanation: "Observed 0.4 % is below the limit but the 95 % upper bound 1.02 % is above it."),
                .init(
                    id: "FAR-1", metric: .far, level: .should, limit: 0.0005, observed: 0.000817, errors: 82,
                    trials: 100_000, lower: 0, upper: 0.000976, confidence: 0.8, method: "clopper-pearson one-sided upper",
                    verdict: .fail, additionalTrialsNeeded: nil,
                    explanation: "The observed FAR 0.0817 % exceeds the recommended 0.05 %."),
                .init(
                    id: "FMR-2<&>", metric: .fmr, level: .should, limit: 0.002, observed: 0.00082, errors: 82,
                    trials: 100_000, lower: 0, upper: 0.000946, confidence: 0.8, method: "rule of 3",
                    verdict: .pass, additionalTrialsNeeded: nil,
                    explanation: "The 80 % upper bound 0.0946 % is at or below the limit 0.2 %."),
            ],
            verdict: .fail,
            expectedOutcomes: [
                .init(imageId: "london/001_03", expected: "enrol", actual: "enrolled", code: nil, message: nil,
                      conforms: true),
                .init(imageId: "orl/s12/4", expected: "refuse", actual: "enrolled", code: nil,
                      message: "a blank image was enrolled", conforms: false),
                .init(imageId: "hostile<img src=x>&\"q\"", expected: "enrol", actual: "refused",
                      code: "refuseInput", message: "bad \u{1B}[31mred\u{1B}[0m ]]> & <tag> 'quote' \u{7}bell",
                      conforms: false),
            ],
            faults: [
                .init(call: "template", code: "timeout", message: "no answer within 5 s", subject: "orl/s03/2"),
                .init(call: "comparison", code: "crash", message: "plugin process exited with signal 11",
                      subject: "orl/s01/1|orl/s02/1"),
                .init(call: "template", code: "timeout", message: "no answer within 5 s", subject: "london/017_01"),
                .init(call: "comparison", code: "protocolViolation", message: "score NaN is not a number",
                      subject: "london/002_01|london/002_02"),
            ],
            timing: .init(
                templateCreation: .init(
                    count: 1_000, medianSeconds: 0.0123, p95Seconds: 0.0456, maxSeconds: 5.0, limitSeconds: 1.0,
                    verdict: .pass),
                comparison: .init(
                    count: 102_000, medianSeconds: 0.000_008_5, p95Seconds: 0.000_021, maxSeconds: 0.0031,
                    limitSeconds: 0.000_01, verdict: .fail),
                wallSeconds: 754.25, jobs: 2),
            det: det(mated: matedCount, nonMated: nonMatedCount),
            histograms: histograms(mated: matedCount, nonMated: nonMatedCount),
            notes: ["Judged against a DRAFT profile.", "A note with <b>markup</b> | a pipe and a\nline break."])
    }

    static var noScores: ConformanceReport {
        var report = full
        report.suite = .init(
            id: "tiny", version: "0.0.1", title: "Empty", status: "draft",
            digest: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", subjects: 2, images: 2)
        report.profile = .init(
            id: "baseline", version: "1.0.0", title: "Baseline", status: "final", source: "ISO/IEC 19795-1:2021")
        report.matcher = .init(
            spec: "exec:\"python3 plugin.py\"", name: "always-refuses", version: "1", vendor: "Test",
            scoreKind: .distance, declaredThreshold: nil, fileSHA256: nil)
        report.threshold = .init(value: nil, source: .none)
        report.seed = 0
        report.endedAt = started.addingTimeInterval(0.5)
        report.counts = .init(
            images: 2, templatesAttempted: 2, templatesFailed: 2, enrolmentFailures: 2, acquisitionFailures: 0,
            matedPlanned: 1, nonMatedPlanned: 1, matedScored: 0, nonMatedScored: 0, matedFailed: 1,
            nonMatedFailed: 1, subjects: 2)
        report.rates = []
        report.eer = nil
        report.fnmrAtFMR = []
        report.requirements = [
            .init(
                id: "FMR-1", metric: .fmr, level: .shall, limit: 0.001, observed: nil, errors: 0, trials: 0,
                lower: nil, upper: nil, confidence: 0.95, method: "clopper-pearson", verdict: .inconclusive,
                additionalTrialsNeeded: nil, explanation: "No non-mated comparison produced a score."),
        ]
        report.verdict = .inconclusive
        report.expectedOutcomes = []
        report.faults = []
        report.timing = .init(templateCreation: nil, comparison: nil, wallSeconds: 0.5, jobs: 1)
        report.det = []
        report.histograms = nil
        report.notes = []
        return report
    }

    static var zeroErrors: ConformanceReport {
        var report = full
        report.profile.status = "final"
        report.profile.title = "Final profile"
        report.matcher.vendor = "Acme"
        report.matcher.eyePositionsProvided = true
        report.threshold = .init(value: 0.55, source: .targetFMR, targetFMR: 0.0001)
        report.counts.templatesFailed = 0
        report.counts.enrolmentFailures = 0
        report.counts.acquisitionFailures = 0
        report.counts.matedFailed = 0
        report.counts.nonMatedFailed = 0
        report.rates = [
            .init(
                metric: .fmr, formula: "FMR = non-mated accepted / non-mated scored", errors: 0, trials: 100_000,
                value: 0, interval: .init(lower: 0, upper: 0.00003, confidence: 0.95, method: "rule of 3"),
                threshold: 0.55),
            .init(
                metric: .fnmr, formula: "FNMR = mated rejected / mated scored", errors: 0, trials: 2_000, value: 0,
                interval: .init(lower: 0, upper: 0.0015, confidence: 0.95, method: "rule of 3"), threshold: 0.55),
        ]
        report.eer = .init(value: 0, threshold: 0.5, low: 0, high: 0)
        report.requirements = [
            .init(
                id: "FMR-1", metric: .fmr, level: .shall, limit: 0.0001, observed: 0, errors: 0, trials: 100_000,
                lower: 0, upper: 0.00003, confidence: 0.95, method: "rule of 3", verdict: .pass,
                additionalTrialsNeeded: nil, explanation: "The 95 % upper bound 0.003 % is at or below the limit."),
            .init(
                id: "FNMR-1", metric: .fnmr, level: .shall, limit: 0.01, observed: 0, errors: 0, trials: 2_000,
                lower: 0, upper: 0.0015, confidence: 0.95, method: "rule of 3", verdict: .pass,
                additionalTrialsNeeded: nil, explanation: "The 95 % upper bound 0.15 % is at or below the limit."),
        ]
        report.verdict = .pass
        report.expectedOutcomes = [
            .init(imageId: "a", expected: "enrol", actual: "enrolled", code: nil, message: nil, conforms: true)
        ]
        report.faults = []
        report.timing.comparison?.verdict = .pass
        report.timing.comparison?.limitSeconds = 0.001
        // Perfect separation: every rate on the curve is 0 on one side.
        report.det = stride(from: 0, through: 20, by: 1).map { step in
            let t = Double(step) / 20
            return .init(threshold: t, fmr: t < 0.5 ? 1 - t * 2 : 0, fnmr: t > 0.5 ? (t - 0.5) * 2 : 0)
        }
        report.fnmrAtFMR = [.init(targetFMR: 1e-4, reachable: true, threshold: 0.5, fmr: 0, fnmr: 0)]
        report.notes = []
        return report
    }

    static var interrupted: ConformanceReport {
        var report = full
        report.complete = false
        report.endedAt = started.addingTimeInterval(61.5)
        report.counts.matedScored = 700
        report.counts.nonMatedScored = 31_000
        report.timing.wallSeconds = 61.5
        report.notes = ["Interrupted by SIGINT after 61.5 s."]
        return report
    }
}
