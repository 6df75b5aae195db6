import BiometricMetrics
import ConformanceRunner

/// Mated and non-mated score histograms as inline SVG, each normalised to its own total (so a few hundred mated
/// scores stay visible next to millions of non-mated ones), with the operating threshold marked.
///
/// The two classes differ in colour and in line style (solid mated, dashed non-mated) and are named in a legend,
/// so the plot reads without colour vision.
struct HistogramPlot {
    var report: ConformanceReport

    static let frame = PlotFrame(width: 640, height: 380, left: 78, right: 24, top: 44, bottom: 60)

    /// Whether the histograms can be drawn: bins exist, shapes agree, and at least one score was counted.
    var drawable: Bool {
        guard let h = report.histograms else { return false }
        return h.edges.count >= 2 && h.mated.count == h.edges.count - 1 && h.nonMated.count == h.edges.count - 1
            && h.edges.allSatisfy(\.isFinite) && (h.mated.reduce(0, +) + h.nonMated.reduce(0, +)) > 0
    }

    func svg() -> String? {
        guard drawable, let h = report.histograms else { return nil }
        let f = HistogramPlot.frame
        func n(_ v: Double) -> String { svgNumber(v) }
        let matedTotal = h.mated.reduce(0, +)
        let nonMatedTotal = h.nonMated.reduce(0, +)
        func shares(_ counts: [Int], _ total: Int) -> [Double] {
            total == 0 ? counts.map { _ in 0 } : counts.map { Double($0) / Double(total) }
        }
        let mated = shares(h.mated, matedTotal)
        let nonMated = shares(h.nonMated, nonMatedTotal)
        let minEdge = h.edges.min() ?? 0
        let maxEdge = h.edges.max() ?? 1
        let xAxis = LinearAxis(low: minEdge, high: maxEdge)
        let yAxis = LinearAxis(low: 0, high: max((mated + nonMated).max() ?? 0, 0.01), targetTicks: 5)
        let yTop = (yAxis.high / yAxis.step).rounded(.up) * yAxis.step
        func x(_ v: Double) -> Double { f.plotLeft + xAxis.fraction(v) * f.plotWidth }
        func y(_ share: Double) -> Double { f.plotBottom - share / yTop * f.plotHeight }

        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(f.width)) \(n(f.height))\" "
        s += "width=\"\(Int(f.width))\" height=\"\(Int(f.height))\" role=\"img\" "
        s += "aria-labelledby=\"hist-title hist-desc\" class=\"plot\">\n"
        s += "<title id=\"hist-title\">Score histograms of mated and non-mated comparisons</title>\n"
        s += "<desc id=\"hist-desc\">\(MarkupEscaping.xml(description(matedTotal, nonMatedTotal)))</desc>\n"
        s += "<rect class=\"plot-bg\" x=\"\(n(f.plotLeft))\" y=\"\(n(f.plotTop))\" width=\"\(n(f.plotWidth))\" "
        s += "height=\"\(n(f.plotHeight))\"/>\n"
        for tick in LinearAxis(low: 0, high: yTop, targetTicks: 5).ticks where tick <= yTop + 1e-12 {
            s += "<line class=\"grid\" x1=\"\(n(f.plotLeft))\" y1=\"\(n(y(tick)))\" x2=\"\(n(f.plotRight))\" "
            s += "y2=\"\(n(y(tick)))\"/>\n"
            s += "<text class=\"tick\" x=\"\(n(f.plotLeft - 6))\" y=\"\(n(y(tick) + 4))\" text-anchor=\"end\">"
            s += "\(MarkupEscaping.xml(NumberText.percent(tick)))</text>\n"
        }
        for tick in xAxis.ticks where tick >= minEdge - 1e-12 && tick <= maxEdge + 1e-12 {
            s += "<line class=\"tick-mark\" x1=\"\(n(x(tick)))\" y1=\"\(n(f.plotBottom))\" x2=\"\(n(x(tick)))\" "
            s += "y2=\"\(n(f.plotBottom + 5))\"/>\n"
            s += "<text class=\"tick\" x=\"\(n(x(tick)))\" y=\"\(n(f.plotBottom + 18))\" text-anchor=\"middle\">"
            s += "\(MarkupEscaping.xml(xAxis.label(tick)))</text>\n"
        }

        func stepPath(_ values: [Double]) -> String {
            var d = "M \(n(x(h.edges[0]))) \(n(y(0)))"
            for (i, v) in values.enumerated() {
                d += " L \(n(x(h.edges[i]))) \(n(y(v))) L \(n(x(h.edges[i + 1]))) \(n(y(v)))"
            }
            d += " L \(n(x(h.edges[h.edges.count - 1]))) \(n(y(0))) Z"
            return d
        }
        if nonMatedTotal > 0 { s += "<path class=\"hist-nonmated\" d=\"\(stepPath(nonMated))\"/>\n" }
        if matedTotal > 0 { s += "<path class=\"hist-mated\" d=\"\(stepPath(mated))\"/>\n" }
        s += "<rect class=\"frame\" x=\"\(n(f.plotLeft))\" y=\"\(n(f.plotTop))\" width=\"\(n(f.plotWidth))\" "
        s += "height=\"\(n(f.plotHeight))\"/>\n"

        if let t = report.threshold.value, t.isFinite {
            let clipped = min(max(t, minEdge), maxEdge)
            let tx = x(clipped)
            let accept = report.matcher.scoreKind == .similarity ? "accept ≥" : "accept ≤"
            let outside = clipped != t ? " (outside the binned range)" : ""
            s += "<line class=\"threshold\" x1=\"\(n(tx))\" y1=\"\(n(f.plotTop))\" x2=\"\(n(tx))\" "
            s += "y2=\"\(n(f.plotBottom))\"/>\n"
            let anchorEnd = tx > f.plotLeft + f.plotWidth * 0.6
            s += "<text class=\"point-label\" x=\"\(n(anchorEnd ? tx - 5 : tx + 5))\" y=\"\(n(f.plotTop + 14))\" "
            s += "text-anchor=\"\(anchorEnd ? "end" : "start")\">"
            s += "\(MarkupEscaping.xml("threshold \(NumberText.score(t)), \(accept)\(outside)"))</text>\n"
        }

        // Legend above the plot.
        let ly = f.plotTop - 24
        s += "<rect class=\"hist-mated\" x=\"\(n(f.plotLeft))\" y=\"\(n(ly))\" width=\"18\" height=\"12\"/>\n"
        s += "<text class=\"legend\" x=\"\(n(f.plotLeft + 24))\" y=\"\(n(ly + 10))\">"
        s += "mated (\(NumberText.grouped(matedTotal)) scores, solid)</text>\n"
        s += "<rect class=\"hist-nonmated\" x=\"\(n(f.plotLeft + 290))\" y=\"\(n(ly))\" width=\"18\" height=\"12\"/>\n"
        s += "<text class=\"legend\" x=\"\(n(f.plotLeft + 314))\" y=\"\(n(ly + 10))\">"
        s += "non-mated (\(NumberText.grouped(nonMatedTotal)) scores, dashed)</text>\n"
        s += "<text class=\"axis-label\" x=\"\(n(f.plotLeft + f.plotWidth / 2))\" y=\"\(n(f.height - 20))\" "
        s += "text-anchor=\"middle\">Score (\(report.matcher.scoreKind.rawValue))</text>\n"
        s += "<text class=\"axis-label\" transform=\"translate(18 \(n(f.plotTop + f.plotHeight / 2))) rotate(-90)\" "
        s += "text-anchor=\"middle\">Share of the class's scores per bin</text>\n"
        s += "</svg>"
        return s
    }

    private func description(_ matedTotal: Int, _ nonMatedTotal: Int) -> String {
        var text =
            "Histograms over \(report.histograms.map { $0.edges.count - 1 } ?? 0) bins of \(matedTotal) mated and "
            + "\(nonMatedTotal) non-mated scores, each as a share of its own total."
        if let t = report.threshold.value { text += " Threshold \(NumberText.score(t))." }
        return text
    }
}
