import BiometricMetrics
import ConformanceRunner

/// Facts derived from a report that every renderer states the same way.
extension ConformanceReport {
    /// The profile as `id@version`.
    var profileLabel: String { "\(profile.id)@\(profile.version)" }
    /// The suite as `id@version`.
    var suiteLabel: String { "\(suite.id)@\(suite.version)" }
    /// The matcher as `name version`.
    var matcherLabel: String { "\(matcher.name) \(matcher.version)" }
    /// Whether the matcher was given the suite's eye positions, as a phrase; nil for reports of versions that
    /// did not record it.
    var eyePositionsText: String? {
        matcher.eyePositionsProvided.map { $0 ? "given the suite's eye positions" : "no eye positions given" }
    }

    /// The requirements that decide the overall verdict.
    var shallRequirements: [RequirementResult] { requirements.filter { $0.level == .shall } }

    /// One sentence under the verdict: how many "shall" requirements failed or were inconclusive.
    var verdictSentence: String {
        let shall = shallRequirements
        let failed = shall.filter { $0.verdict == .fail }.count
        let inconclusive = shall.filter { $0.verdict == .inconclusive }.count
        var parts: [String] = []
        // "1 of 1 requirement fails", "1 of 3 requirements fail", "2 of 3 requirements fail".
        func of(_ count: Int, _ singular: String, _ plural: String) -> String {
            let noun = shall.count == 1 ? "\"shall\" requirement" : "\"shall\" requirements"
            return "\(count) of \(shall.count) \(noun) \(count == 1 ? singular : plural)"
        }
        if shall.isEmpty {
            parts.append("the profile has no \"shall\" requirements")
        } else if failed == 0 && inconclusive == 0 {
            parts.append(
                shall.count == 1 ? "the one \"shall\" requirement passes" : "all \(shall.count) \"shall\" requirements pass")
        } else {
            if failed > 0 { parts.append(of(failed, "fails", "fail")) }
            if inconclusive > 0 { parts.append(of(inconclusive, "is inconclusive", "are inconclusive")) }
        }
        let shouldMissed = requirements.filter { $0.level == .should && $0.verdict != .pass }.count
        if shouldMissed > 0 {
            parts.append("\(shouldMissed) \"should\" recommendation\(shouldMissed == 1 ? "" : "s") not shown")
        }
        let sentence = parts.joined(separator: "; ")
        return sentence.prefix(1).uppercased() + sentence.dropFirst()
    }

    /// The warnings shown first when the verdict is provisional (profile not final, suite not published) or the
    /// run incomplete.
    var provisionalWarnings: [String] {
        var out: [String] = []
        if !profile.isFinal {
            out.append(
                "\(profile.status.uppercased()) profile: \(profileLabel) has status \"\(profile.status)\", not "
                    + "\"final\"; this verdict is provisional and cannot support a certification claim.")
        }
        if suite.status != "published" {
            out.append(
                "\(suite.status.uppercased()) suite: \(suiteLabel) has status \"\(suite.status)\", not "
                    + "\"published\"; this verdict is provisional.")
        }
        if !complete {
            out.append(
                "INCOMPLETE run: it was interrupted, so the numbers cover only the work that finished; resume it "
                    + "with `facecert run --resume` for a complete report.")
        }
        return out
    }

    /// The operating threshold and where it came from, in words.
    var thresholdDescription: String {
        guard let value = threshold.value else { return "none (reporting-only run)" }
        let direction = matcher.scoreKind == .similarity ? "accept score ≥" : "accept score ≤"
        var text = "\(direction) \(NumberText.score(value))"
        switch threshold.source {
        case .command: text += " (from the command line)"
        case .declared: text += " (declared by the matcher)"
        case .targetFMR:
            if let target = threshold.targetFMR {
                text += " (reaches the target FMR \(NumberText.percent(target)) on this suite)"
            } else {
                text += " (reaches the profile's target FMR on this suite)"
            }
        case .none: text += " (no source recorded)"
        }
        return text
    }

    /// The rate of `metric` at the operating threshold, if the report has one.
    func rate(_ metric: ErrorMetric) -> RateEstimate? { rates.first { $0.metric == metric } }

    /// Plugin faults grouped by call and code, sorted by call then code; faults keep their report order.
    var faultClasses: [FaultClass] {
        var classes: [FaultClass] = []
        for fault in faults {
            if let index = classes.firstIndex(where: { $0.call == fault.call && $0.code == fault.code }) {
                classes[index].faults.append(fault)
            } else {
                classes.append(FaultClass(call: fault.call, code: fault.code, faults: [fault]))
            }
        }
        return classes.sorted { ($0.call, $0.code) < ($1.call, $1.code) }
    }

    /// The timed calls, with a label, in a fixed order.
    var timedCalls: [(label: String, timing: CallTiming)] {
        var out: [(String, CallTiming)] = []
        if let t = timing.templateCreation { out.append(("template creation", t)) }
        if let t = timing.comparison { out.append(("comparison", t)) }
        return out
    }
}

extension Verdict {
    /// `PASS`, `FAIL`, `INCONCLUSIVE`.
    var shout: String { rawValue.uppercased() }
}

extension ConformanceReport.RequirementResult {
    /// The requirement as a condition: `FMR ≤ 0.01 %`.
    var condition: String { "\(metric.rawValue) ≤ \(NumberText.percent(limit))" }

    /// The observed rate with its counts: `0.012 % (12/100,000)`.
    var observedText: String {
        guard let observed else { return "— (0/\(NumberText.grouped(trials)))" }
        return "\(NumberText.percent(observed)) (\(NumberText.grouped(errors))/\(NumberText.grouped(trials)))"
    }

    /// The confidence bound that decides the verdict: `≤ 0.03 % (95 %, clopper-pearson one-sided upper)`, or
    /// the interval `[0.01 %, 0.03 %] (95 %, wilson)` for a two-sided method.
    ///
    /// A method named one-sided shows only its side, even when the report also carries the other bound.
    var boundText: String {
        let level = NumberText.confidence(confidence)
        let method = method.lowercased()
        if method.contains("one-sided") {
            if method.contains("lower"), let lower {
                return "≥ \(NumberText.percent(lower)) (\(level), \(self.method))"
            }
            if let upper { return "≤ \(NumberText.percent(upper)) (\(level), \(self.method))" }
        }
        switch (lower, upper) {
        case (let lower?, let upper?) where lower > 0:
            return "[\(NumberText.percent(lower)), \(NumberText.percent(upper))] (\(level), \(self.method))"
        case (_, let upper?):
            return "≤ \(NumberText.percent(upper)) (\(level), \(self.method))"
        case (let lower?, nil):
            return "≥ \(NumberText.percent(lower)) (\(level), \(self.method))"
        case (nil, nil):
            return "— (\(level), \(self.method))"
        }
    }

    /// The additional trials needed, or an em dash.
    var neededText: String {
        additionalTrialsNeeded.map { "+" + NumberText.grouped($0) } ?? "—"
    }
}

extension ConformanceReport.RateEstimate {
    /// `[0.01 %, 0.05 %] (95 %, wilson)` or an em dash.
    var intervalText: String {
        guard let interval else { return "—" }
        return "[\(NumberText.percent(interval.lower)), \(NumberText.percent(interval.upper))] "
            + "(\(NumberText.confidence(interval.confidence)), \(interval.method))"
    }
}
