import ConformanceReports
import ConformanceRunner
import Foundation
import Testing

struct MarkdownReportTests {
    func markdown(_ report: ConformanceReport) throws -> String { try ReportWriter().render(report, as: .markdown) }

    @Test("the verdict comes first", arguments: SampleReports.all)
    func verdictFirst(sample: SampleReports.Named) throws {
        let lines = try markdown(sample.report).split(separator: "\n")
        #expect(lines.first == "# facecert conformance report: \(sample.report.verdict.rawValue.uppercased())")
        #expect(lines.dropFirst().first?.hasPrefix("**Verdict: \(sample.report.verdict.rawValue.uppercased())**") == true)
    }

    @Test("a draft profile gets a warning right after the verdict; a final one does not")
    func draftWarning() throws {
        let text = try markdown(SampleReports.full)
        let warning = try #require(text.range(of: "> [!WARNING]\n> DRAFT profile"))
        #expect(warning.lowerBound < (text.range(of: "## Identity")?.lowerBound ?? text.startIndex))
        #expect(try !markdown(SampleReports.zeroErrors).contains("DRAFT"))
        #expect(try markdown(SampleReports.interrupted).contains("> [!CAUTION]\n> INCOMPLETE run"))
    }

    @Test("the requirements table has one row per requirement with limit, observed, bound, verdict and needs")
    func requirementsTable() throws {
        let text = try markdown(SampleReports.full)
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| `F") }
        #expect(rows.count == SampleReports.full.requirements.count)
        #expect(rows.contains {
            $0 == "| `FTE-1` | FTE | shall | ≤ 1 % | 0.4 % (4/1,000) | ≤ 1.02 % (95 %, clopper-pearson one-sided upper) "
                + "| ⚠️ inconclusive | +620 |"
        })
    }

    @Test("vendor text cannot inject markup, links or table columns")
    func vendorTextIsEscaped() throws {
        let text = try markdown(SampleReports.full)
        #expect(text.contains("Acme \\<Biometrics\\> \\& Co \\| \"Ltd\" \\`x\\` \\*bold\\* \\[link\\](http://evil.example)"))
        // Raw angle brackets appear only inside code spans, which CommonMark renders literally.
        #expect(text.contains("| `hostile<img src=x>&\"q\"` |"))
        #expect(text.replacingOccurrences(of: "`hostile<img src=x>&\"q\"`", with: "").replacingOccurrences(
            of: "`FMR-2<&>`", with: "").replacingOccurrences(of: "\\<", with: "").contains("<") == false)
        #expect(!text.contains("\u{1B}"))
        // Every table row keeps its column count despite pipes in the data.
        for table in text.components(separatedBy: "\n\n") where table.hasPrefix("|") {
            let rows = table.split(separator: "\n")
            let columns = rows.map { $0.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count }
            #expect(Set(columns).count == 1, "\(table)")
        }
    }

    @Test("a one-sided bound shows only its side, a two-sided one the interval")
    func boundSides() throws {
        var report = SampleReports.full
        report.requirements[0].lower = 0.0005
        report.requirements[0].method = "clopper-pearson one-sided upper"
        report.requirements[1].method = "wilson"
        let text = try markdown(report)
        #expect(text.contains("| ≤ 0.0979 % (95 %, clopper-pearson one-sided upper) |"))
        #expect(text.contains("| \\[1.73 %, 3.11 %\\] (95 %, wilson) |"))
    }

    @Test("rates show formula, counts and interval; EER and the FNMR at FMR table are present")
    func ratesAndTables() throws {
        let text = try markdown(SampleReports.full)
        #expect(text.contains(
            "| FMR | 0.082 % | 82/100,000 | \\[0.0652 %, 0.0979 %\\] (95 %, clopper-pearson) | FMR = non-mated accepted / non-mated scored (failures excluded) |"))
        #expect(text.contains("**EER** 0.55 % at threshold 0.4713"))
        #expect(text.contains("| 0.0001 % | not reachable with 100,000 non-mated scores | — | — |"))
    }

    @Test("a run without scores says so instead of printing empty tables")
    func noScores() throws {
        let text = try markdown(SampleReports.noScores)
        #expect(text.contains("No rates: the run produced no comparisons or templates to count."))
        #expect(text.contains("**EER** not computed"))
        #expect(text.contains("No FNMR at FMR table: no scores."))
        #expect(text.contains("threshold") && text.contains("none (reporting-only run)"))
    }
}
