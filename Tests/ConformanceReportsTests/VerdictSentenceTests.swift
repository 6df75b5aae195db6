import BiometricMetrics
import ConformanceRunner
import Testing

@testable import ConformanceReports

struct VerdictSentenceTests {
    static func report(_ verdicts: [(NormativeLevel, Verdict)]) -> ConformanceReport {
        var report = SampleReports.full
        let template = report.requirements[0]
        report.requirements = verdicts.enumerated().map { index, pair in
            var r = template
            r.id = "R\(index)"
            r.level = pair.0
            r.verdict = pair.1
            return r
        }
        return report
    }

    @Test(
        "the verdict sentence counts shall requirements in plain English",
        arguments: [
            ([], "The profile has no \"shall\" requirements"),
            ([(NormativeLevel.shall, Verdict.pass)], "The one \"shall\" requirement passes"),
            ([(.shall, .pass), (.shall, .pass)], "All 2 \"shall\" requirements pass"),
            ([(.shall, .fail)], "1 of 1 \"shall\" requirement fails"),
            ([(.shall, .fail), (.shall, .fail), (.shall, .pass)], "2 of 3 \"shall\" requirements fail"),
            ([(.shall, .inconclusive), (.shall, .pass)], "1 of 2 \"shall\" requirements is inconclusive"),
            (
                [(.shall, .fail), (.shall, .inconclusive), (.shall, .inconclusive), (.should, .fail)],
                "1 of 3 \"shall\" requirements fails; 2 of 3 \"shall\" requirements are inconclusive; "
                    + "1 \"should\" recommendation not shown"
            ),
        ])
    func sentence(verdicts: [(NormativeLevel, Verdict)], expected: String) {
        #expect(Self.report(verdicts).verdictSentence == expected)
    }
}
