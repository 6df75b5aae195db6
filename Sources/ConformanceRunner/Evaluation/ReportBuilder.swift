import BiometricMetrics
import Foundation
import MatcherPlugins

/// Turns a plan and the contents of its journal into a ``ConformanceReport``.
///
/// Deterministic: the same journal contents (in any order of records) give the same report apart from `endedAt`
/// and the timing figures, so a resumed run reports exactly what an uninterrupted one does.
struct ReportBuilder {
    let plan: EvaluationPlan
    let needs: TemplateNeeds
    let contents: JournalContents

    /// The longest list of faults written out; the rest are counted in a note.
    static let maximumFaultsListed = 1000
    /// Faults the harness observes, as opposed to the matcher's declared refusals and errors.
    static let faultCodes: Set<String> = [
        MatcherError.Code.timeout.rawValue, MatcherError.Code.crash.rawValue,
        MatcherError.Code.protocolViolation.rawValue,
    ]

    func build(tool: ConformanceReport.ToolInfo, endedAt: Date, wallSeconds: Double, jobs: Int) throws(RunError)
        -> ConformanceReport
    {
        let parameters = contents.parameters
        let tally = RunTally(plan: plan, needs: needs, contents: contents)
        let kind = parameters.matcher.scoreKind
        var notes = plan.notes
        if !plan.profile.isFinal {
            notes.append(
                "The profile \(plan.profile.id)@\(plan.profile.version) is \(plan.profile.status.uppercased()): "
                    + "verdicts against it are provisional.")
        }
        let complete = tally.isComplete
        if !complete {
            notes.append(
                "INCOMPLETE run: \(tally.slotsAttempted) of \(tally.slotsNeeded) templates and "
                    + "\(tally.comparisonsDone) of \(tally.matedPlanned + tally.nonMatedPlanned) comparisons were "
                    + "done; the numbers cover only those. Continue it with `facecert run ... --resume`.")
        }

        // Up-front sample-size check against the profile's minimums.
        var shortfalls: [String] = []
        let minimums = plan.minimums
        if let minimum = minimums.subjects, plan.subjectCount < minimum {
            shortfalls.append("\(plan.subjectCount) subjects (profile minimum \(minimum))")
        }
        if let minimum = minimums.matedComparisons, tally.matedPlanned < minimum {
            shortfalls.append("\(tally.matedPlanned) mated comparisons (minimum \(minimum))")
        }
        if let minimum = minimums.nonMatedComparisons, tally.nonMatedPlanned < minimum {
            shortfalls.append("\(tally.nonMatedPlanned) non-mated comparisons (minimum \(minimum))")
        }
        if !shortfalls.isEmpty {
            notes.append(
                "The suite is below the profile's minimum sample sizes: " + shortfalls.joined(separator: ", ")
                    + ". Every requirement is at best inconclusive; use a larger suite to show the limits.")
        }

        let metrics = try RunMetrics(tally: tally, kind: kind)

        // The operating threshold: the caller's, else the matcher's declared one, else the profile's target FMR.
        let threshold: ConformanceReport.ThresholdInfo
        if let value = parameters.threshold {
            threshold = .init(value: value, source: .command)
        } else if let value = parameters.matcher.declaredThreshold {
            threshold = .init(value: value, source: .declared)
        } else if let target = plan.targetFMR {
            let point = metrics.operatingPoint(atFMR: target)
            let value = point.flatMap { $0.threshold.isFinite && metrics.scores.nonMatedCount > 0 ? $0.threshold : nil }
            threshold = .init(value: value, source: .targetFMR, targetFMR: target)
            if value == nil {
                notes.append("No threshold reaches the target FMR \(target) on this suite (no non-mated scores).")
            } else {
                notes.append(
                    "The threshold was chosen on this suite to reach FMR ≤ \(target); the FMR at it is therefore "
                        + "not an independent estimate.")
            }
        } else {
            threshold = .init(value: nil, source: .none)
            notes.append(
                "No operating threshold: neither --threshold, nor a declared matcher threshold, nor a target FMR "
                    + "in the profile. Threshold-dependent rates are not reported.")
        }

        let rates = metrics.rates(threshold: threshold.value)
        // A requirement at the declared threshold is read at the caller's or the matcher's threshold only: one
        // chosen on this suite to reach a target FMR would make an FMR requirement circular.
        let declaredThreshold = threshold.source == .command || threshold.source == .declared ? threshold.value : nil
        let requirements = plan.requirements.map {
            metrics.judge($0, runThreshold: declaredThreshold, minimumsMet: shortfalls.isEmpty)
        }

        let timing = ConformanceReport.TimingSummary(
            templateCreation: Self.callTiming(tally.templateSeconds, limit: plan.timeLimits.templateCreationSeconds),
            comparison: Self.callTiming(tally.comparisonSeconds, limit: plan.timeLimits.comparisonSeconds),
            wallSeconds: wallSeconds, jobs: jobs)

        // The worst over "shall" requirements; `pass` when there are none (BiometricMetrics' one rule).
        var verdict = Verdict.overall(requirements.map { (level: $0.level, verdict: $0.verdict) })
        if Verdict.isReportingOnly(requirements.map(\.level)) {
            notes.append(
                Verdict.reportingOnlyNote + " The profile \(plan.profile.id)@\(plan.profile.version) has no "
                    + "\"shall\" requirement, so the verdict pass says only that nothing could fail.")
        }
        // Time limits are judged in `timing` and named in a note; they are not rate requirements, so they do not
        // change the overall verdict (the worst over "shall" requirements, as every report format states it).
        for (name, call) in [("template creation", timing.templateCreation), ("comparison", timing.comparison)] {
            if let call, call.verdict == .fail, let limit = call.limitSeconds {
                notes.append(
                    "The median \(name) time \(call.medianSeconds) s exceeds the profile's limit of \(limit) s "
                        + "(95th percentile \(call.p95Seconds) s).")
            }
        }
        if !complete && verdict == .pass {
            verdict = .inconclusive
        }

        let (findings, faults, faultNote) = findingsAndFaults()
        if let faultNote { notes.append(faultNote) }
        let nonConforming = findings.filter { !$0.conforms }.count
        if nonConforming > 0 {
            notes.append(
                "\(nonConforming) image(s) did not get their expected outcome (enrol/refuse); see the findings. "
                    + "Conformance findings are reported separately from the error rates.")
        }

        let counts = ConformanceReport.Counts(
            images: plan.images.count, templatesAttempted: tally.enrolmentAttempted + tally.verificationAttempted,
            templatesFailed: tally.enrolmentFailed + tally.verificationFailed,
            enrolmentFailures: tally.enrolmentFailed, acquisitionFailures: tally.verificationFailed,
            matedPlanned: tally.matedPlanned, nonMatedPlanned: tally.nonMatedPlanned,
            matedScored: tally.matedScores.count, nonMatedScored: tally.nonMatedScores.count,
            matedFailed: tally.matedFailed + tally.matedTemplateUnavailable,
            nonMatedFailed: tally.nonMatedFailed + tally.nonMatedTemplateUnavailable, subjects: plan.subjectCount)

        return ConformanceReport(
            complete: complete, tool: tool, suite: plan.suite, profile: plan.profile, matcher: parameters.matcher,
            threshold: threshold, seed: parameters.seed, startedAt: parameters.startedAt, endedAt: endedAt,
            counts: counts, rates: rates, eer: metrics.eer(),
            fnmrAtFMR: metrics.fnmrAtFMR(
                targets: Self.fmrTargets(
                    extra: plan.extraFMRTargets
                        + plan.requirements.compactMap {
                            if case .fmrTarget(let target) = $0.operatingPoint { target } else { nil }
                        })),
            requirements: requirements, verdict: verdict, expectedOutcomes: findings, faults: faults, timing: timing,
            det: metrics.det(), histograms: metrics.histograms(), notes: notes)
    }

    /// 1e-2 … 1e-6 and the profile's own targets, descending (as FRTE tables run), without duplicates.
    static func fmrTargets(extra: [Double]) -> [Double] {
        Array(Set(ScoreSet.standardFMRTargets + extra.filter { $0 > 0 && $0 <= 1 })).sorted(by: >)
    }

    /// Median, 95th percentile (nearest rank) and maximum of call durations, judged against a limit.
    ///
    /// The verdict is `pass` when the median is within the limit and `fail` otherwise; the 95th percentile is
    /// reported beside it (NIST FRTE 1:1 states its time limits on the median). Comparisons are timed per batch
    /// (batch time ÷ pairs), template creations one by one.
    static func callTiming(_ seconds: [Double], limit: Double?) -> ConformanceReport.CallTiming? {
        guard !seconds.isEmpty else { return nil }
        let sorted = seconds.sorted()
        func rank(_ p: Double) -> Double {
            sorted[min(sorted.count - 1, max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1))]
        }
        let median =
            sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        return ConformanceReport.CallTiming(
            count: sorted.count, medianSeconds: median, p95Seconds: rank(0.95), maxSeconds: sorted[sorted.count - 1],
            limitSeconds: limit, verdict: limit.map { median <= $0 ? .pass : .fail })
    }

    private func findingsAndFaults() -> (
        [ConformanceReport.ExpectedOutcomeFinding], [ConformanceReport.FaultRecord], String?
    ) {
        var findings: [ConformanceReport.ExpectedOutcomeFinding] = []
        var faults: [ConformanceReport.FaultRecord] = []
        var slotsByImage: [Int: [TemplateRecord]] = [:]
        for slot in needs.slots {
            if let record = contents.templates[slot.rawValue] { slotsByImage[slot.image, default: []].append(record) }
        }
        for (index, image) in plan.images.enumerated() {
            guard let records = slotsByImage[index] else { continue }
            var chosen: (record: TemplateRecord, conforms: Bool)?
            for record in records {
                let conforms: Bool
                switch image.expected {
                case .enrol: conforms = record.outcome == .created
                case .refuse: conforms = record.outcome == .refused
                case .either: conforms = true
                }
                if chosen == nil || (chosen?.conforms == true && !conforms) { chosen = (record, conforms) }
                if record.outcome == .failed && Self.faultCodes.contains(record.code) {
                    faults.append(
                        .init(call: "template", code: record.code, message: record.message, subject: image.id))
                }
            }
            guard let chosen else { continue }
            let actual: String
            switch chosen.record.outcome {
            case .created: actual = "enrolled"
            case .refused: actual = "refused"
            case .failed: actual = "failed"
            }
            findings.append(
                .init(
                    imageId: image.id, expected: image.expected.rawValue, actual: actual,
                    code: chosen.record.code.isEmpty ? nil : chosen.record.code,
                    message: chosen.record.message.isEmpty ? nil : chosen.record.message, conforms: chosen.conforms))
        }
        for (index, failure) in contents.failures.sorted(by: { $0.key < $1.key })
        where contents.status[index] == ComparisonStatus.failed.rawValue && Self.faultCodes.contains(failure.code) {
            let comparison = plan.comparisons.comparison(at: index)
            faults.append(
                .init(
                    call: "comparison", code: failure.code, message: failure.message,
                    subject: "\(plan.images[comparison.verification].id)|\(plan.images[comparison.enrolment].id)"))
        }
        faults.sort { ($0.call, $0.subject, $0.code) < ($1.call, $1.subject, $1.code) }
        faults.append(contentsOf: contents.pluginFaults)
        var note: String?
        if faults.count > Self.maximumFaultsListed {
            note =
                "\(faults.count) plugin faults were recorded; the first \(Self.maximumFaultsListed) are listed "
                + "(the journal holds all of them)."
            faults = Array(faults.prefix(Self.maximumFaultsListed))
        }
        return (findings, faults, note)
    }
}
