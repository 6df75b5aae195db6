import BiometricMetrics
import ConformanceRunner
import ConformanceVectors
import FaceImaging
import Foundation
import MatcherPlugins
import Testing

struct ConformanceRunnerTests {
    @Test func createsEachNeededTemplateOnceAndScoresEveryComparisonOnce() throws {
        let plan = PlanFixture.plan(subjects: 5, perSubject: 3)
        let matcher = FakeMatcher()
        let report = try ConformanceRunner(
            plan: plan, matcher: matcher, options: PlanFixture.options(PlanFixture.temporaryFolder())
        ).run()
        // 15 images, each compared in both roles: 30 templates; 15 × 14 ordered pairs.
        #expect(matcher.log.templatePixels.count == 30)
        #expect(matcher.log.pairs.count == 15 * 14)
        #expect(report.complete)
        #expect(report.counts.matedPlanned == 5 * 3 * 2)
        #expect(report.counts.nonMatedPlanned == 15 * 14 - 30)
        #expect(report.counts.matedScored == 30)
        #expect(report.counts.nonMatedScored == 15 * 14 - 30)
        #expect(report.counts.matedFailed == 0 && report.counts.nonMatedFailed == 0)
        #expect(report.seed == 42)
        #expect(report.suite.id == "test-suite")
    }

    @Test func comparisonOrderIsShuffledBySeedAndTemplateOrderToo() throws {
        let plan = PlanFixture.plan(subjects: 4, perSubject: 3)
        func order(seed: UInt64) throws -> ([[UInt8]], [[UInt8]]) {
            let matcher = FakeMatcher()
            _ = try ConformanceRunner(
                plan: plan, matcher: matcher,
                options: PlanFixture.options(PlanFixture.temporaryFolder(), seed: seed, jobs: 1)
            ).run()
            return (matcher.log.templatePixels, matcher.log.pairs.map { $0.verification.bytes + $0.enrolment.bytes })
        }
        let (templatesA, pairsA) = try order(seed: 1)
        let (templatesA2, pairsA2) = try order(seed: 1)
        let (templatesB, pairsB) = try order(seed: 2)
        #expect(templatesA == templatesA2 && pairsA == pairsA2, "the same seed gives the same order")
        #expect(pairsA != pairsB && templatesA != templatesB, "another seed gives another order")
        #expect(Set(pairsA) == Set(pairsB), "the same comparisons either way")
        // Not the canonical order, and mated pairs not bunched at the start.
        let matedFlags = pairsA.map { $0[0] == $0[3] }
        let firstQuarter = matedFlags.prefix(matedFlags.count / 4).filter { $0 }.count
        #expect(firstQuarter < matedFlags.filter { $0 }.count)
        #expect(templatesA.map { $0[1] } != templatesA.map { $0[1] }.sorted())
    }

    @Test func failedTemplateIsNeverComparedAndCountsAsFailure() throws {
        // One extra image expected to enrol that crashes the template call: its comparisons are failures.
        let plan = PlanFixture.plan(subjects: 3, perSubject: 2, extra: [(254, .enrol)])
        let matcher = FakeMatcher()
        let report = try ConformanceRunner(
            plan: plan, matcher: matcher, options: PlanFixture.options(PlanFixture.temporaryFolder())
        ).run()
        #expect(!matcher.log.pairs.contains { $0.verification.bytes[0] == 254 || $0.enrolment.bytes[0] == 254 })
        // 7 images all against all: 42 comparisons, 12 involving the failed image (non-mated: its own subject).
        #expect(report.counts.nonMatedFailed == 12)
        #expect(report.counts.nonMatedScored == 42 - 12 - 6)
        #expect(report.counts.enrolmentFailures == 1 && report.counts.acquisitionFailures == 1)
        #expect(report.faults.map(\.code) == ["crash", "crash"])
        #expect(report.faults.allSatisfy { $0.call == "template" && $0.subject == "extra-0" })
        let finding = try #require(report.expectedOutcomes.first { $0.imageId == "extra-0" })
        #expect(!finding.conforms && finding.actual == "failed" && finding.code == "crash")
    }

    @Test func expectedOutcomesAreCheckedSeparatelyFromErrorRates() throws {
        let plan = PlanFixture.plan(
            subjects: 3, perSubject: 2,
            extra: [(255, .refuse), (7, .refuse), (255, .either), (255, .enrol)])
        let report = try ConformanceRunner(
            plan: plan, matcher: FakeMatcher(), options: PlanFixture.options(PlanFixture.temporaryFolder())
        ).run()
        let byID = Dictionary(uniqueKeysWithValues: report.expectedOutcomes.map { ($0.imageId, $0) })
        #expect(byID["extra-0"]?.conforms == true && byID["extra-0"]?.actual == "refused")
        #expect(byID["extra-1"]?.conforms == false && byID["extra-1"]?.actual == "enrolled")
        #expect(byID["extra-2"]?.conforms == true)
        #expect(byID["extra-3"]?.conforms == false && byID["extra-3"]?.code == "refuseInput")
        #expect(byID["s0-0"]?.conforms == true && byID["s0-0"]?.actual == "enrolled")
        // Refuse-expected images do not count towards FTE.
        #expect(report.counts.enrolmentFailures == 1)
        #expect(report.expectedOutcomes.count == plan.images.count)
    }

    @Test func nonFiniteScoresAreRecordedProtocolViolations() throws {
        var matcher = FakeMatcher()
        matcher.nanForImageNumber = 1  // image s0-1 as verification
        let report = try ConformanceRunner(
            plan: PlanFixture.plan(subjects: 3, perSubject: 2), matcher: matcher,
            options: PlanFixture.options(PlanFixture.temporaryFolder())
        ).run()
        #expect(report.faults.count == 5)
        #expect(report.faults.allSatisfy { $0.code == "protocolViolation" && $0.subject.hasPrefix("s0-1|") })
        #expect(report.counts.matedFailed == 1 && report.counts.nonMatedFailed == 4)
    }

    @Test func cancelledRunIsIncompleteAndResumeGivesTheUninterruptedReport() throws {
        let plan = PlanFixture.plan(subjects: 6, perSubject: 3)
        let full = try ConformanceRunner(
            plan: plan, matcher: FakeMatcher(), options: PlanFixture.options(PlanFixture.temporaryFolder())
        ).run()

        let folder = PlanFixture.temporaryFolder()
        let cancellation = RunCancellation()
        var stopping = FakeMatcher()
        stopping.cancelAfterBatches = (cancellation, 3)
        let partial = try ConformanceRunner(
            plan: plan, matcher: stopping, options: PlanFixture.options(folder), cancellation: cancellation
        ).run()
        #expect(!partial.complete)
        #expect(partial.verdict != .pass)
        #expect(partial.counts.matedScored + partial.counts.nonMatedScored < 18 * 17)

        let resumedMatcher = FakeMatcher()
        let resumed = try ConformanceRunner(
            plan: plan, matcher: resumedMatcher, options: PlanFixture.options(folder, resume: true)
        ).run()
        #expect(resumed.complete)
        #expect(resumedMatcher.log.templatePixels.isEmpty, "templates come from the journal")
        #expect(
            resumedMatcher.log.pairs.count == 18 * 17 - partial.counts.matedScored - partial.counts.nonMatedScored,
            "finished comparisons are not redone")
        #expect(resumed.withoutTimes == full.withoutTimes)
    }

    /// The last record is the session record (~90 bytes); larger cuts tear a score batch, which is redone.
    @Test(arguments: [1, 17, 300, 1000])
    func tornJournalTailIsDroppedOnResume(cut: Int) throws {
        let plan = PlanFixture.plan(subjects: 5, perSubject: 3)
        let folder = PlanFixture.temporaryFolder()
        let first = try ConformanceRunner(plan: plan, matcher: FakeMatcher(), options: PlanFixture.options(folder))
            .run()
        let journal = URL(fileURLWithPath: folder).appendingPathComponent(RunOptions.journalFileName)
        let bytes = try Data(contentsOf: journal)
        try bytes.prefix(bytes.count - cut).write(to: journal)
        let matcher = FakeMatcher()
        let resumed = try ConformanceRunner(
            plan: plan, matcher: matcher, options: PlanFixture.options(folder, resume: true)
        ).run()
        #expect(matcher.log.pairs.isEmpty == (cut < 100), "a torn batch is redone, nothing else")
        #expect(resumed.withoutTimes == first.withoutTimes)
    }

    @Test func resumeRefusesOtherParametersAndNewRunRefusesExistingJournal() throws {
        let plan = PlanFixture.plan(subjects: 3, perSubject: 2)
        let folder = PlanFixture.temporaryFolder()
        _ = try ConformanceRunner(plan: plan, matcher: FakeMatcher(), options: PlanFixture.options(folder)).run()

        let mismatch = #expect(throws: RunError.self) {
            try ConformanceRunner(
                plan: plan, matcher: FakeMatcher(), options: PlanFixture.options(folder, seed: 7, resume: true)
            ).run()
        }
        #expect(mismatch?.code == .journalMismatch)
        #expect(mismatch?.message.contains("seed: the journal has 42, this run has 7") == true)

        let threshold = #expect(throws: RunError.self) {
            try ConformanceRunner(
                plan: plan, matcher: FakeMatcher(), options: PlanFixture.options(folder, resume: true, threshold: 0.5)
            ).run()
        }
        #expect(threshold?.code == .journalMismatch)

        let exists = #expect(throws: RunError.self) {
            try ConformanceRunner(plan: plan, matcher: FakeMatcher(), options: PlanFixture.options(folder)).run()
        }
        #expect(exists?.code == .journalExists)
    }

    @Test func thresholdComesFromCallerThenMatcherThenProfileTarget() throws {
        let plan = PlanFixture.plan(subjects: 4, perSubject: 2, targetFMR: 0.1)
        let command = try ConformanceRunner(
            plan: plan, matcher: FakeMatcher(),
            options: PlanFixture.options(PlanFixture.temporaryFolder(), threshold: 0.55)
        ).run()
        #expect(command.threshold == .init(value: 0.55, source: .command))

        var declaring = FakeMatcher()
        declaring.identity.declaredThreshold = 0.6
        let declared = try ConformanceRunner(
            plan: plan, matcher: declaring, options: PlanFixture.options(PlanFixture.temporaryFolder())
        ).run()
        #expect(declared.threshold == .init(value: 0.6, source: .declared))
        #expect(declared.matcher.declaredThreshold == 0.6)

        let target = try ConformanceRunner(
            plan: plan, matcher: FakeMatcher(), options: PlanFixture.options(PlanFixture.temporaryFolder())
        ).run()
        #expect(target.threshold.source == .targetFMR && target.threshold.targetFMR == 0.1)
        let fmr = try #require(target.rates.first { $0.metric == .fmr })
        #expect(fmr.value <= 0.1)

        let none = try ConformanceRunner(
            plan: PlanFixture.plan(subjects: 4, perSubject: 2), matcher: FakeMatcher(),
            options: PlanFixture.options(PlanFixture.temporaryFolder())
        ).run()
        #expect(none.threshold.source == .none && none.threshold.value == nil)
        #expect(!none.rates.contains { $0.metric == .fmr })
    }

    @Test func invalidPlanIsRefusedBeforeTheMatcherIsCalled() throws {
        var plan = PlanFixture.plan(subjects: 3, perSubject: 2)
        plan.comparisons = ExplicitComparisons([Comparison(verification: 0, enrolment: 2, mated: true)])
        let matcher = FakeMatcher()
        let error = #expect(throws: RunError.self) {
            try ConformanceRunner(
                plan: plan, matcher: matcher, options: PlanFixture.options(PlanFixture.temporaryFolder())
            ).run()
        }
        #expect(error?.code == .invalidSuite)
        #expect(error?.message.contains("s0-0 vs s1-0") == true)
        #expect(matcher.log.templatePixels.isEmpty)
    }

    @Test func suiteBelowProfileMinimumsIsSaidInTheReport() throws {
        let plan = PlanFixture.plan(
            subjects: 3, perSubject: 2,
            requirements: [PlanRequirement(id: "fmr", metric: .fmr, limit: 0.5, confidence: 0.95, level: .shall)],
            minimums: MinimumSampleSizes(subjects: 100, matedComparisons: 10, nonMatedComparisons: 10))
        let report = try ConformanceRunner(
            plan: plan, matcher: FakeMatcher(),
            options: PlanFixture.options(PlanFixture.temporaryFolder(), threshold: 0.5)
        ).run()
        #expect(report.notes.contains { $0.contains("below the profile's minimum sample sizes: 3 subjects") })
        #expect(report.verdict == .inconclusive)
    }

    @Test func profileWithoutShallRequirementsPassesAndSaysItIsReportingOnly() throws {
        // A failing "should" and no "shall": BiometricMetrics' one rule gives pass, and the report says why.
        let plan = PlanFixture.plan(
            subjects: 3, perSubject: 2,
            requirements: [PlanRequirement(id: "fmr", metric: .fmr, limit: 0, confidence: 0.95, level: .should)])
        let report = try ConformanceRunner(
            plan: plan, matcher: FakeMatcher(),
            options: PlanFixture.options(PlanFixture.temporaryFolder(), threshold: 0)
        ).run()
        #expect(report.requirements.first?.verdict == .fail)
        #expect(report.verdict == .pass)
        #expect(report.notes.contains { $0.hasPrefix(Verdict.reportingOnlyNote) })

        let judged = try ConformanceRunner(
            plan: PlanFixture.plan(
                subjects: 3, perSubject: 2,
                requirements: [PlanRequirement(id: "fte", metric: .fte, limit: 0.5, confidence: 0.95, level: .shall)]),
            matcher: FakeMatcher(), options: PlanFixture.options(PlanFixture.temporaryFolder(), threshold: 0)
        ).run()
        #expect(!judged.notes.contains { $0.hasPrefix(Verdict.reportingOnlyNote) })
    }

    @Test func requirementsAreJudgedByUpperBoundObservedRateAndOperatingPoint() throws {
        // 6 subjects × 3 images, all ordered pairs: 36 mated (scores ≥ 0.6) and 270 non-mated (scores < 0.5).
        let plan = PlanFixture.plan(
            subjects: 6, perSubject: 3,
            requirements: [
                PlanRequirement(id: "fte", metric: .fte, limit: 0.5, confidence: 0.95, level: .shall),
                PlanRequirement(id: "fmr-fails", metric: .fmr, limit: 0.01, confidence: 0.95, level: .should),
                PlanRequirement(id: "fnmr-too-few", metric: .fnmr, limit: 0.01, confidence: 0.95, level: .should),
                PlanRequirement(
                    id: "fnmr-at-unreachable-fmr", metric: .fnmr, limit: 0.5, confidence: 0.95, level: .should,
                    operatingPoint: .fmrTarget(1e-4)),
                PlanRequirement(
                    id: "fnmr-at-fmr", metric: .fnmr, limit: 0.5, confidence: 0.8, level: .should,
                    operatingPoint: .fmrTarget(0.1)),
            ])
        let report = try ConformanceRunner(
            plan: plan, matcher: FakeMatcher(),
            options: PlanFixture.options(PlanFixture.temporaryFolder(), threshold: 0.3)
        ).run()
        let byID = Dictionary(uniqueKeysWithValues: report.requirements.map { ($0.id, $0) })
        let fte = try #require(byID["fte"])
        #expect(fte.verdict == .pass && fte.trials == 18 && fte.errors == 0 && fte.threshold == nil)
        #expect(fte.upper.map { $0 <= 0.5 } == true)
        let fmr = try #require(byID["fmr-fails"])
        #expect(fmr.verdict == .fail && fmr.trials == 270 && fmr.threshold == 0.3)
        #expect(fmr.observed.map { $0 > 0.01 } == true)
        let fnmr = try #require(byID["fnmr-too-few"])
        #expect(fnmr.verdict == .inconclusive && fnmr.errors == 0 && fnmr.trials == 36)
        #expect(fnmr.additionalTrialsNeeded.map { $0 > 0 } == true)
        let unreachable = try #require(byID["fnmr-at-unreachable-fmr"])
        #expect(unreachable.verdict == .inconclusive && unreachable.trials == 0)
        #expect(unreachable.explanation.contains("cannot be resolved with 270 non-mated scores"))
        let atTarget = try #require(byID["fnmr-at-fmr"])
        #expect(atTarget.threshold != 0.3 && atTarget.threshold != nil, "read at its own threshold")
        #expect(atTarget.verdict == .pass && atTarget.errors == 0)
        // "should" requirements do not decide the verdict.
        #expect(report.verdict == .pass)
        // Every rate carries its interval.
        #expect(report.rates.map(\.metric) == [.fmr, .fnmr, .far, .frr, .fte, .fta])
        #expect(report.rates.allSatisfy { $0.interval != nil })
        let eer = try #require(report.eer)
        #expect(eer.value == 0)
        #expect(!report.det.isEmpty && report.histograms != nil)
        #expect(report.fnmrAtFMR.map(\.targetFMR) == [1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 0.1].sorted(by: >))
    }

    @Test func detachedRunFromAsyncCodeGivesTheSameReport() async throws {
        let plan = PlanFixture.plan(subjects: 3, perSubject: 2)
        let sync = try ConformanceRunner(
            plan: plan, matcher: FakeMatcher(), options: PlanFixture.options(PlanFixture.temporaryFolder())
        ).run()
        let detached = try await ConformanceRunner(
            plan: plan, matcher: FakeMatcher(), options: PlanFixture.options(PlanFixture.temporaryFolder())
        ).runDetached()
        #expect(detached.withoutTimes == sync.withoutTimes)
    }

    @Test func timeLimitsAreJudgedOnTheMedian() throws {
        let plan = PlanFixture.plan(
            subjects: 3, perSubject: 2, timeLimits: TimeLimits(templateCreationSeconds: 0, comparisonSeconds: 60))
        let report = try ConformanceRunner(
            plan: plan, matcher: FakeMatcher(), options: PlanFixture.options(PlanFixture.temporaryFolder())
        ).run()
        let template = try #require(report.timing.templateCreation)
        #expect(template.count == 12 && template.limitSeconds == 0 && template.verdict == .fail)
        #expect(report.timing.comparison?.verdict == .pass)
        #expect(report.notes.contains { $0.hasPrefix("The median template creation time") })
        #expect(report.verdict == .pass, "time limits are reported, not part of the rate verdict")
    }
}
