import BiometricMetrics
import MatcherPlugins

/// The raw tallies of a run read from its journal: template outcomes per role, scores split into mated and
/// non-mated, failures, timings. Everything the metrics need, nothing computed yet.
struct RunTally: Sendable {
    /// Scores of mated comparisons that produced one.
    var matedScores: [Double] = []
    var nonMatedScores: [Double] = []
    /// Subject index of each mated score (for the subjects bootstrap).
    var matedSubjects: [Int32] = []
    /// Verification and enrolment subject of each non-mated score.
    var nonMatedSubjects: [(Int32, Int32)] = []
    var matedPlanned = 0
    var nonMatedPlanned = 0
    /// Mated comparisons without a score because a template failed (never sent to the matcher).
    var matedTemplateUnavailable = 0
    var nonMatedTemplateUnavailable = 0
    /// Comparisons the matcher failed (error, fault, protocol violation).
    var matedFailed = 0
    var nonMatedFailed = 0
    var comparisonsDone = 0

    /// Template slots attempted and failed for images that count towards FTE and FTA, by role: those the suite
    /// expects to enrol (a refusal of an `either` or `refuse` image is allowed, so it is no failure).
    var enrolmentAttempted = 0
    var enrolmentFailed = 0
    var verificationAttempted = 0
    var verificationFailed = 0
    var slotsAttempted = 0
    var slotsNeeded = 0

    var templateSeconds: [Double] = []
    /// Seconds per comparison of each batch (batch time / pairs sent).
    var comparisonSeconds: [Double] = []

    init(plan: EvaluationPlan, needs: TemplateNeeds, contents: JournalContents) {
        let images = plan.images
        slotsNeeded = needs.count
        for slot in needs.slots {
            guard let record = contents.templates[slot.rawValue] else { continue }
            slotsAttempted += 1
            templateSeconds.append(record.seconds)
            guard images[slot.image].expected == .enrol else { continue }
            let failed = record.outcome != .created
            switch slot.role {
            case .enrolment:
                enrolmentAttempted += 1
                if failed { enrolmentFailed += 1 }
            case .verification:
                verificationAttempted += 1
                if failed { verificationFailed += 1 }
            }
        }
        let source = plan.comparisons
        for index in 0..<source.count {
            let comparison = source.comparison(at: index)
            if comparison.mated { matedPlanned += 1 } else { nonMatedPlanned += 1 }
            let status = contents.status[index]
            guard status != JournalContents.notDone, let known = ComparisonStatus(rawValue: status) else { continue }
            comparisonsDone += 1
            switch (known, comparison.mated) {
            case (.scored, true):
                matedScores.append(contents.scores[index])
                matedSubjects.append(Int32(truncatingIfNeeded: images[comparison.verification].subject ?? -1))
            case (.scored, false):
                nonMatedScores.append(contents.scores[index])
                nonMatedSubjects.append(
                    (
                        Int32(truncatingIfNeeded: images[comparison.verification].subject ?? -1),
                        Int32(truncatingIfNeeded: images[comparison.enrolment].subject ?? -1)
                    ))
            case (.templateUnavailable, true): matedTemplateUnavailable += 1
            case (.templateUnavailable, false): nonMatedTemplateUnavailable += 1
            case (.failed, true): matedFailed += 1
            case (.failed, false): nonMatedFailed += 1
            }
        }
        for batch in contents.batches where batch.sent > 0 {
            comparisonSeconds.append(batch.seconds / Double(batch.sent))
        }
    }

    /// Whether every needed template and every comparison has a result.
    var isComplete: Bool { slotsAttempted == slotsNeeded && comparisonsDone == matedPlanned + nonMatedPlanned }
}
