import BiometricMetrics
import ConformanceRunner
import Foundation

/// Renders `junit.xml` in the common JUnit/Ant layout that Jenkins, GitLab, GitHub Actions reporters and Azure
/// Pipelines read: `<testsuites>` → `<testsuite>` → `<testcase>` with `<failure>`, `<error>` or `<skipped>`.
///
/// Test suites, always present and in this order (docs/report-format.md, "junit.xml"):
/// - `run`: one case, `run completed`, an `<error>` when the run was interrupted. It carries the run's identity
///   as `<properties>`.
/// - `requirements`: one case per requirement. A failed "shall" is a `<failure>`; an inconclusive "shall" is a
///   `<failure type="inconclusive">` (or `<skipped>` with ``ReportOptions/inconclusiveShallIsFailure`` off); a
///   "should" that is not shown is `<skipped>` (it never decides the verdict, but CI shows it); all cases carry
///   the evidence in `<system-out>`.
/// - `time-limits`: one case per timed call whose profile sets a limit; a failure when its verdict is fail,
///   inconclusive as for "shall".
/// - `expected-outcomes`: one case per finding; a `<failure>` when the matcher did not meet the expectation.
/// - `plugin-faults`: one case per fault class (call and code), always a `<failure>` listing the faults.
struct JUnitRenderer {
    var report: ConformanceReport
    var options: ReportOptions

    enum Outcome {
        case passed
        case failure(type: String, message: String, detail: String)
        case error(type: String, message: String, detail: String)
        case skipped(message: String)
    }

    struct Case {
        var classname: String
        var name: String
        var outcome: Outcome
        var systemOut: String?
    }

    struct Suite {
        var name: String
        var cases: [Case]
        var properties: [(String, String)] = []
        var failures: Int { cases.filter { if case .failure = $0.outcome { true } else { false } }.count }
        var errors: Int { cases.filter { if case .error = $0.outcome { true } else { false } }.count }
        var skipped: Int { cases.filter { if case .skipped = $0.outcome { true } else { false } }.count }
    }

    func render() -> String {
        let suites = [runSuite(), requirementSuite(), timeLimitSuite(), expectedOutcomeSuite(), faultSuite()]
        let timestamp = ISO8601Text.format(report.startedAt)
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let title =
            "facecert conformance: \(report.matcherLabel) against \(report.profileLabel) on \(report.suiteLabel)"
        xml += "<testsuites" + attributes([
            ("name", title),
            ("tests", "\(suites.reduce(0) { $0 + $1.cases.count })"),
            ("failures", "\(suites.reduce(0) { $0 + $1.failures })"),
            ("errors", "\(suites.reduce(0) { $0 + $1.errors })"),
            ("skipped", "\(suites.reduce(0) { $0 + $1.skipped })"),
            ("time", NumberText.fixed(report.timing.wallSeconds, decimals: 3)),
            ("timestamp", timestamp),
        ]) + ">\n"
        for (index, suite) in suites.enumerated() {
            xml += "  <testsuite" + attributes([
                ("name", suite.name),
                ("id", "\(index)"),
                ("tests", "\(suite.cases.count)"),
                ("failures", "\(suite.failures)"),
                ("errors", "\(suite.errors)"),
                ("skipped", "\(suite.skipped)"),
                ("time", index == 0 ? NumberText.fixed(report.timing.wallSeconds, decimals: 3) : "0"),
                ("timestamp", timestamp),
            ]) + ">\n"
            if !suite.properties.isEmpty {
                xml += "    <properties>\n"
                for (name, value) in suite.properties {
                    xml += "      <property" + attributes([("name", name), ("value", value)]) + "/>\n"
                }
                xml += "    </properties>\n"
            }
            for testCase in suite.cases { xml += render(testCase) }
            xml += "  </testsuite>\n"
        }
        xml += "</testsuites>\n"
        return xml
    }

    private func render(_ testCase: Case) -> String {
        let open = "    <testcase" + attributes([("classname", testCase.classname), ("name", testCase.name)])
        var body = ""
        switch testCase.outcome {
        case .passed: break
        case .failure(let type, let message, let detail):
            body += "      <failure" + attributes([("type", type), ("message", message)]) + ">"
                + MarkupEscaping.xml(detail) + "</failure>\n"
        case .error(let type, let message, let detail):
            body += "      <error" + attributes([("type", type), ("message", message)]) + ">"
                + MarkupEscaping.xml(detail) + "</error>\n"
        case .skipped(let message):
            body += "      <skipped" + attributes([("message", message)]) + "/>\n"
        }
        // A failure or error already carries the evidence in its body; passes and skips carry it in system-out.
        if let out = testCase.systemOut, body.isEmpty || body.contains("<skipped") {
            body += "      <system-out>" + MarkupEscaping.xml(out) + "</system-out>\n"
        }
        return body.isEmpty ? open + "/>\n" : open + ">\n" + body + "    </testcase>\n"
    }

    private func attributes(_ pairs: [(String, String)]) -> String {
        pairs.map { " \($0.0)=\"\(MarkupEscaping.xml($0.1, attribute: true))\"" }.joined()
    }

    // MARK: Suites

    private func runSuite() -> Suite {
        let outcome: Outcome =
            report.complete
            ? .passed
            : .error(
                type: "incomplete",
                message: "the run was interrupted; the report covers only the work that finished",
                detail: "Resume it with `facecert run --resume` to complete the report.")
        var properties: [(String, String)] = [
            ("facecert.schema", report.schema),
            ("facecert.version", report.tool.version),
            ("verdict", report.verdict.rawValue),
            ("complete", report.complete ? "true" : "false"),
            ("suite", report.suiteLabel),
            ("suite.digest", report.suite.digest),
            ("profile", report.profileLabel),
            ("profile.status", report.profile.status),
            ("matcher", report.matcherLabel),
            ("matcher.spec", report.matcher.spec),
            ("threshold", report.threshold.value.map(NumberText.score) ?? "none"),
            ("threshold.source", report.threshold.source.rawValue),
            ("seed", "\(report.seed)"),
        ]
        if let sha = report.matcher.fileSHA256 { properties.append(("matcher.fileSHA256", sha)) }
        if let eyes = report.matcher.eyePositionsProvided {
            properties.append(("matcher.eyePositionsProvided", eyes ? "true" : "false"))
        }
        return Suite(
            name: "run",
            cases: [
                Case(
                    classname: "facecert.run", name: "run completed", outcome: outcome,
                    systemOut: "Verdict: \(report.verdict.shout): \(report.verdictSentence)."
                        + report.provisionalWarnings.map { "\n" + $0 }.joined())
            ],
            properties: properties)
    }

    private func requirementSuite() -> Suite {
        let cases = report.requirements.map { requirement -> Case in
            let name = "\(requirement.id): \(requirement.condition) (\(requirement.level.rawValue))"
            let evidence = [
                "Requirement \(requirement.id) (\(requirement.level.rawValue)): \(requirement.condition).",
                "Observed: \(requirement.observedText).",
                "Confidence bound: \(requirement.boundText).",
                "Verdict: \(requirement.verdict.rawValue). \(requirement.explanation)",
            ] + (requirement.additionalTrialsNeeded.map {
                ["About \(NumberText.grouped($0)) more trials would show the limit if the observed rate held."]
            } ?? [])
            let detail = evidence.joined(separator: "\n")
            let message = "\(requirement.verdict.rawValue): \(requirement.explanation)"
            let outcome: Outcome
            switch (requirement.level, requirement.verdict) {
            case (_, .pass):
                outcome = .passed
            case (.shall, .fail):
                outcome = .failure(type: "fail", message: message, detail: detail)
            case (.shall, .inconclusive):
                outcome =
                    options.inconclusiveShallIsFailure
                    ? .failure(type: "inconclusive", message: message, detail: detail)
                    : .skipped(message: message)
            case (.should, _):
                outcome = .skipped(
                    message: "recommendation (should) not shown, does not decide the verdict: \(message)")
            }
            return Case(
                classname: "facecert.requirements", name: name, outcome: outcome, systemOut: detail)
        }
        return Suite(name: "requirements", cases: cases)
    }

    private func timeLimitSuite() -> Suite {
        let cases = report.timedCalls.compactMap { (label, timing) -> Case? in
            guard let limit = timing.limitSeconds else { return nil }
            let name = "\(label) time ≤ \(NumberText.duration(limit)) (median and 95th percentile)"
            let detail =
                "\(NumberText.grouped(timing.count)) calls: median \(NumberText.duration(timing.medianSeconds)), "
                + "95th percentile \(NumberText.duration(timing.p95Seconds)), "
                + "max \(NumberText.duration(timing.maxSeconds)); limit \(NumberText.duration(limit))."
            let outcome: Outcome
            switch timing.verdict {
            case .pass: outcome = .passed
            case .fail: outcome = .failure(type: "fail", message: "fail: \(detail)", detail: detail)
            case .inconclusive, nil:
                let message = "inconclusive: \(detail)"
                outcome =
                    options.inconclusiveShallIsFailure
                    ? .failure(type: "inconclusive", message: message, detail: detail)
                    : .skipped(message: message)
            }
            return Case(classname: "facecert.time-limits", name: name, outcome: outcome, systemOut: detail)
        }
        return Suite(name: "time-limits", cases: cases)
    }

    private func expectedOutcomeSuite() -> Suite {
        let cases = report.expectedOutcomes.map { finding -> Case in
            let name = "image \(finding.imageId): expected \(finding.expected)"
            var detail = "Image \(finding.imageId): expected \(finding.expected), the matcher \(finding.actual)"
            if let code = finding.code { detail += " (\(code))" }
            if let message = finding.message { detail += ": \(message)" }
            detail += "."
            let outcome: Outcome =
                finding.conforms
                ? .passed
                : .failure(type: "expected-outcome", message: detail, detail: detail)
            return Case(classname: "facecert.expected-outcomes", name: name, outcome: outcome, systemOut: detail)
        }
        return Suite(name: "expected-outcomes", cases: cases)
    }

    private func faultSuite() -> Suite {
        let cases = report.faultClasses.map { faultClass -> Case in
            let count = faultClass.faults.count
            let message =
                "\(count) \(faultClass.code) fault\(count == 1 ? "" : "s") in \(faultClass.call) calls"
            let listed = faultClass.faults.prefix(max(0, options.maximumListedFaultsPerClass))
            var lines = listed.map { "\($0.subject): \($0.message)" }
            if count > listed.count { lines.append("… and \(count - listed.count) more") }
            return Case(
                classname: "facecert.plugin-faults", name: faultClass.name,
                outcome: .failure(type: faultClass.code, message: message, detail: lines.joined(separator: "\n")),
                systemOut: nil)
        }
        return Suite(name: "plugin-faults", cases: cases)
    }
}
