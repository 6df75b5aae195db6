import BiometricMetrics
import ConformanceRunner
import Foundation

/// The few plain-text lines `facecert run` prints when it finishes.
struct TerminalSummary {
    var report: ConformanceReport
    var options: ReportOptions

    func render(files: [URL]) -> String {
        func t(_ s: String) -> String { MarkupEscaping.terminal(s) }
        var lines = [
            "facecert: \(report.verdict.shout): \(report.verdictSentence).",
            "  \(t(report.matcherLabel))\(report.eyePositionsText.map { " (\($0))" } ?? "") against profile \(t(report.profileLabel)) on suite \(t(report.suiteLabel)); "
                + "threshold \(t(report.thresholdDescription)).",
        ]
        for warning in report.provisionalWarnings { lines.append("  WARNING: \(t(warning))") }
        let width = report.requirements.map { $0.id.count }.max() ?? 0
        for r in report.requirements {
            let verdict = r.verdict.shout.padding(toLength: 12, withPad: " ", startingAt: 0)
            let id = t(r.id).padding(toLength: max(width, 1), withPad: " ", startingAt: 0)
            var line =
                "  \(verdict) \(id)  \(r.level.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))\(r.condition): "
                + "observed \(r.observedText), bound \(t(r.boundText))"
            if let needed = r.additionalTrialsNeeded { line += ", needs ~\(NumberText.grouped(needed)) more trials" }
            lines.append(line)
        }
        let missed = report.expectedOutcomes.filter { !$0.conforms }.count
        if !report.expectedOutcomes.isEmpty {
            lines.append(
                "  expected outcomes: \(report.expectedOutcomes.count - missed) of \(report.expectedOutcomes.count) met")
        }
        if !report.faults.isEmpty {
            let classes = report.faultClasses.map { "\($0.faults.count) \(t($0.name))" }.joined(separator: ", ")
            lines.append("  plugin faults: \(classes)")
        }
        if !files.isEmpty {
            lines.append("  reports: " + files.map { $0.path }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
