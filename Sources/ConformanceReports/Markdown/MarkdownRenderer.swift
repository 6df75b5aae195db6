import BiometricMetrics
import ConformanceRunner

/// Renders `report.md`: GitHub-flavoured Markdown that also reads well as plain text in a terminal.
///
/// Order: verdict, provisional warnings (draft profile, incomplete run), identity (suite, profile, matcher with
/// digests), requirements, rates with formulas and intervals, EER, FNMR at fixed FMR, counts, expected outcomes,
/// plugin faults, timings, notes. Every vendor-supplied string is escaped (``MarkupEscaping/markdown(_:)``).
struct MarkdownRenderer {
    var report: ConformanceReport

    func render() -> String {
        var lines: [String] = []
        lines += header()
        lines += identity()
        lines += requirements()
        lines += rates()
        lines += fnmrAtFMR()
        lines += counts()
        lines += expectedOutcomes()
        lines += faults()
        lines += timings()
        lines += notes()
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    private func esc(_ text: String) -> String { MarkupEscaping.markdown(text) }

    /// A code span, or escaped text when the value could break out of one.
    private func code(_ text: String) -> String {
        let unsafe = text.isEmpty || text.unicodeScalars.contains {
            $0 == "`" || $0 == "|" || $0 == "\\" || MarkupEscaping.isForbiddenInXML($0) || $0 == "\n" || $0 == "\r"
        }
        return unsafe ? esc(text) : "`\(text)`"
    }

    private func verdictCell(_ verdict: Verdict) -> String {
        switch verdict {
        case .pass: "✅ pass"
        case .fail: "❌ **FAIL**"
        case .inconclusive: "⚠️ inconclusive"
        }
    }

    private func table(_ header: [String], _ rows: [[String]]) -> [String] {
        var out = ["| " + header.joined(separator: " | ") + " |"]
        out.append("|" + header.map { _ in "---" }.joined(separator: "|") + "|")
        for row in rows { out.append("| " + row.joined(separator: " | ") + " |") }
        return out + [""]
    }

    // MARK: Sections

    private func header() -> [String] {
        var out = [
            "# facecert conformance report: \(report.verdict.shout)", "",
            "**Verdict: \(report.verdict.shout)**: \(esc(report.verdictSentence)).", "",
        ]
        for warning in report.provisionalWarnings {
            let kind = warning.hasPrefix("INCOMPLETE") ? "CAUTION" : "WARNING"
            out += ["> [!\(kind)]", "> \(esc(warning))", ""]
        }
        return out
    }

    private func identity() -> [String] {
        let suite = report.suite
        let profile = report.profile
        let matcher = report.matcher
        var matcherText =
            "\(esc(matcher.name)) \(esc(matcher.version)) by \(esc(matcher.vendor)); spec \(code(matcher.spec)); "
            + "\(matcher.scoreKind.rawValue) scores"
        if let declared = matcher.declaredThreshold {
            matcherText += "; declared threshold \(NumberText.score(declared))"
        }
        if let eyes = report.eyePositionsText { matcherText += "; \(eyes)" }
        if let sha = matcher.fileSHA256 { matcherText += "; file SHA-256 \(code(sha))" }
        let rows: [[String]] = [
            [
                "Suite",
                "\(code(report.suiteLabel)) \(esc(suite.title)) (\(esc(suite.status))); "
                    + "\(NumberText.grouped(suite.subjects)) subjects, \(NumberText.grouped(suite.images)) images; "
                    + "SHA-256 \(code(suite.digest))",
            ],
            [
                "Profile",
                "\(code(report.profileLabel)) \(esc(profile.title)) (**\(esc(profile.status))**); "
                    + "source: \(esc(profile.source))",
            ],
            ["Matcher", matcherText],
            ["Threshold", esc(report.thresholdDescription)],
            [
                "Run",
                "seed \(report.seed); \(ISO8601Text.format(report.startedAt)) to \(ISO8601Text.format(report.endedAt)); "
                    + "\(report.complete ? "complete" : "**incomplete**")",
            ],
            [
                "Tool",
                "\(esc(report.tool.name)) \(esc(report.tool.version)), libpng \(esc(report.tool.libpngVersion)); "
                    + "schema \(code(report.schema))",
            ],
        ]
        return ["## Identity", ""] + table(["", ""], rows)
    }

    private func requirements() -> [String] {
        var out = ["## Requirements", ""]
        guard !report.requirements.isEmpty else {
            return out + ["The profile sets no requirements.", ""]
        }
        let rows = report.requirements.map { r in
            [
                code(r.id), r.metric.rawValue, r.level.rawValue, "≤ \(NumberText.percent(r.limit))",
                r.observedText, esc(r.boundText), verdictCell(r.verdict), r.neededText,
            ]
        }
        out += table(
            ["Requirement", "Metric", "Level", "Limit", "Observed (errors/trials)", "Confidence bound", "Verdict",
             "Needed trials"],
            rows)
        out += report.requirements.map { "- \(code($0.id)): \(esc($0.explanation))" }
        out += [
            "",
            "A requirement passes when its confidence bound is at or below the limit, fails when the observed rate "
                + "exceeds it, and is otherwise inconclusive; \"Needed trials\" estimates how many more trials "
                + "would show the limit if the observed rate held. Only \"shall\" requirements decide the verdict.",
            "",
        ]
        return out
    }

    private func rates() -> [String] {
        var out = ["## Error rates at the operating threshold", ""]
        if report.rates.isEmpty {
            out += ["No rates: the run produced no comparisons or templates to count.", ""]
        } else {
            let rows = report.rates.map { rate in
                [
                    rate.metric.rawValue, NumberText.percent(rate.value),
                    "\(NumberText.grouped(rate.errors))/\(NumberText.grouped(rate.trials))",
                    esc(rate.intervalText), esc(rate.formula),
                ]
            }
            out += table(["Rate", "Value", "Errors/trials", "Interval", "Formula"], rows)
        }
        if let eer = report.eer {
            out += [
                "**EER** \(NumberText.percent(eer.value)) at threshold \(NumberText.score(eer.threshold)) "
                    + "(interval [\(NumberText.percent(eer.low)), \(NumberText.percent(eer.high))], FVC EERlow/EERhigh).",
                "",
            ]
        } else {
            out += ["**EER** not computed: it needs both mated and non-mated scores.", ""]
        }
        return out
    }

    private func fnmrAtFMR() -> [String] {
        let out = ["## FNMR at fixed FMR", ""]
        guard !report.fnmrAtFMR.isEmpty else { return out + ["No FNMR at FMR table: no scores.", ""] }
        let nonMated = NumberText.grouped(report.counts.nonMatedScored)
        let rows = report.fnmrAtFMR.map { row -> [String] in
            guard row.reachable else {
                return [NumberText.percent(row.targetFMR), "not reachable with \(nonMated) non-mated scores", "—", "—"]
            }
            return [
                NumberText.percent(row.targetFMR), row.threshold.map(NumberText.score) ?? "—",
                NumberText.percent(row.fmr), NumberText.percent(row.fnmr),
            ]
        }
        return out + table(["Target FMR", "Threshold", "FMR", "FNMR"], rows)
    }

    private func counts() -> [String] {
        let c = report.counts
        func n(_ x: Int) -> String { NumberText.grouped(x) }
        let rows = [
            ["Images", n(c.images), "Subjects", n(c.subjects)],
            ["Templates attempted", n(c.templatesAttempted), "Templates failed", n(c.templatesFailed)],
            ["Enrolment failures", n(c.enrolmentFailures), "Acquisition failures", n(c.acquisitionFailures)],
            ["Mated planned", n(c.matedPlanned), "Non-mated planned", n(c.nonMatedPlanned)],
            ["Mated scored", n(c.matedScored), "Non-mated scored", n(c.nonMatedScored)],
            ["Mated without score", n(c.matedFailed), "Non-mated without score", n(c.nonMatedFailed)],
        ]
        return ["## Counts", ""] + table(["", "", "", ""], rows)
    }

    private func expectedOutcomes() -> [String] {
        var out = ["## Expected outcomes", ""]
        let findings = report.expectedOutcomes
        guard !findings.isEmpty else { return out + ["No image in the suite states an expected outcome.", ""] }
        let missed = findings.filter { !$0.conforms }
        out += [
            "\(findings.count - missed.count) of \(findings.count) images met their expected outcome"
                + (missed.isEmpty ? "." : "; these did not:"),
            "",
        ]
        if !missed.isEmpty {
            out += table(
                ["Image", "Expected", "Actual", "Code", "Message"],
                missed.map {
                    [code($0.imageId), esc($0.expected), esc($0.actual), $0.code.map(code) ?? "—",
                     $0.message.map(esc) ?? "—"]
                })
        }
        return out
    }

    private func faults() -> [String] {
        var out = ["## Plugin faults", ""]
        let classes = report.faultClasses
        guard !classes.isEmpty else { return out + ["None.", ""] }
        out += table(
            ["Call", "Code", "Count", "First subject", "First message"],
            classes.map {
                [esc($0.call), code($0.code), NumberText.grouped($0.faults.count),
                 $0.faults.first.map { code($0.subject) } ?? "—", $0.faults.first.map { esc($0.message) } ?? "—"]
            })
        return out
    }

    private func timings() -> [String] {
        var out = ["## Timings", ""]
        let calls = report.timedCalls
        if !calls.isEmpty {
            out += table(
                ["Call", "Count", "Median", "95th percentile", "Max", "Limit", "Verdict"],
                calls.map { label, t in
                    [label, NumberText.grouped(t.count), NumberText.duration(t.medianSeconds),
                     NumberText.duration(t.p95Seconds), NumberText.duration(t.maxSeconds),
                     t.limitSeconds.map(NumberText.duration) ?? "—", t.verdict.map(verdictCell) ?? "—"]
                })
        }
        out += [
            "Wall time \(NumberText.duration(report.timing.wallSeconds)) with \(report.timing.jobs) "
                + "job\(report.timing.jobs == 1 ? "" : "s").",
            "",
        ]
        return out
    }

    private func notes() -> [String] {
        guard !report.notes.isEmpty else { return [] }
        return ["## Notes", ""] + report.notes.map { "- \(esc($0))" } + [""]
    }
}
