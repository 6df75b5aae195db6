import BiometricMetrics
import ConformanceRunner
import ConformanceVectors
import Foundation

/// Turns a report into the problems a test reports, one message each.
///
/// Every message names the subject (requirement id, image id, timed call), carries the numbers that decide it
/// (metric, observed rate with errors/trials, threshold, upper bound with its confidence and method, the limit
/// with its inclusivity), the matcher and suite, and ends with the report folder.
struct ConformanceProblems {
    var report: ConformanceReport
    var profile: ThresholdProfile
    var reportDirectory: URL
    var inconclusiveIsFailure: Bool

    func all() -> [ConformanceProblem] {
        var problems: [ConformanceProblem] = []
        for requirement in report.requirements where requirement.level == .shall && requirement.verdict != .pass {
            problems.append(problem(for: requirement))
        }
        for requirement in report.requirements where requirement.level == .should && requirement.verdict != .pass {
            problems.append(problem(for: requirement))
        }
        for finding in report.expectedOutcomes where !finding.conforms {
            problems.append(problem(for: finding))
        }
        for (label, timing) in timedCalls {
            guard timing.verdict == .fail, let limit = timing.limitSeconds else { continue }
            problems.append(
                ConformanceProblem(
                    kind: .timeLimitExceeded, subject: label, isFailure: true,
                    message: "The median \(label) time \(Self.seconds(timing.medianSeconds)) is above the profile "
                        + "\(profileLabel)'s limit \(Self.seconds(limit)) (\(timing.count) calls, 95th percentile "
                        + "\(Self.seconds(timing.p95Seconds)), slowest \(Self.seconds(timing.maxSeconds))). "
                        + trailer))
        }
        if !report.complete {
            problems.append(
                ConformanceProblem(
                    kind: .incomplete, subject: "run", isFailure: true,
                    message: "The run was cancelled before all work was done, so its numbers cover only the work "
                        + "that finished. " + trailer))
        }
        return problems
    }

    private var profileLabel: String { "\(report.profile.id)@\(report.profile.version)" }

    /// `Matcher NAME VERSION, suite ID@VERSION, seed N. Reports: DIR`.
    private var trailer: String {
        "Matcher \(report.matcher.name) \(report.matcher.version), suite \(report.suite.id)@\(report.suite.version), "
            + "seed \(report.seed). Reports: \(reportDirectory.path)"
    }

    private var timedCalls: [(String, ConformanceReport.CallTiming)] {
        var calls: [(String, ConformanceReport.CallTiming)] = []
        if let timing = report.timing.templateCreation { calls.append(("template creation", timing)) }
        if let timing = report.timing.comparison { calls.append(("comparison", timing)) }
        return calls
    }

    private func problem(for requirement: ConformanceReport.RequirementResult) -> ConformanceProblem {
        let inclusive = profile.requirements.first { $0.id == requirement.id }?.limitInclusive ?? true
        let limit = "\(inclusive ? "≤" : "<") \(Self.percent(requirement.limit))"
        let observed = requirement.observed.map { Self.percent($0) } ?? "—"
        var numbers =
            "\(requirement.metric.rawValue) observed \(observed) (\(requirement.errors)/\(requirement.trials))"
        if let threshold = requirement.threshold { numbers += " at threshold \(Self.score(threshold))" }
        var bound = "upper bound \(requirement.upper.map { Self.percent($0) } ?? "—")"
        if let lower = requirement.lower { bound += " (lower \(Self.percent(lower)))" }
        bound += " at \(Self.percent(requirement.confidence)) confidence (\(requirement.method))"
        if requirement.level == .should {
            let verdict = requirement.verdict == .fail ? "fails" : "is inconclusive"
            return ConformanceProblem(
                kind: .recommendationNotShown, subject: requirement.id, isFailure: false,
                message:
                    "Recommendation \(requirement.id) (\"should\", profile \(profileLabel)) \(verdict): \(numbers), "
                    + "limit \(limit); \(bound). \(trailer)")
        }
        let head = "Requirement \(requirement.id) (\"shall\", profile \(profileLabel))"
        switch requirement.verdict {
        case .fail:
            return ConformanceProblem(
                kind: .requirementFailed, subject: requirement.id, isFailure: true,
                message: "\(head) fails: \(numbers) is not within the limit \(limit); \(bound). \(trailer)")
        default:
            var why = requirement.explanation
            if let needed = requirement.additionalTrialsNeeded {
                why += " About \(needed) more trials would show the limit if the observed rate held."
            }
            return ConformanceProblem(
                kind: .requirementInconclusive, subject: requirement.id, isFailure: inconclusiveIsFailure,
                message: "\(head) is inconclusive: \(numbers), limit \(limit); \(bound). \(why) \(trailer)")
        }
    }

    private func problem(for finding: ConformanceReport.ExpectedOutcomeFinding) -> ConformanceProblem {
        var actual: String
        switch finding.actual {
        case "enrolled": actual = "it was enrolled"
        case "refused": actual = "it was refused"
        case "failed": actual = "its template creation failed"
        default: actual = "its outcome was \(finding.actual)"
        }
        if let code = finding.code {
            actual += " (\(code)" + (finding.message.map { $0.isEmpty ? "" : ": \($0)" } ?? "") + ")"
        }
        return ConformanceProblem(
            kind: .expectedOutcomeMissed, subject: finding.imageId, isFailure: true,
            message: "Image \(finding.imageId): the suite expects \"\(finding.expected)\" but \(actual). \(trailer)")
    }

    /// A rate as a percentage with up to four significant digits: `20 %`, `4.916 %`, `0.01 %`.
    static func percent(_ rate: Double) -> String {
        String(format: "%.4g %%", rate * 100)
    }

    /// A score or threshold with up to six significant digits.
    static func score(_ value: Double) -> String { String(format: "%.6g", value) }

    /// Seconds with three significant digits: `0.0123 s`.
    static func seconds(_ value: Double) -> String { String(format: "%.3g s", value) }
}
