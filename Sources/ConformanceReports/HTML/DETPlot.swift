import BiometricMetrics
import ConformanceRunner

/// The DET curve as inline SVG: FMR on x, FNMR on y, both on the normal-deviate scale, with the operating point,
/// the EER point and the profile's FMR and FNMR limits marked.
///
/// Zero rates have no place on a probit axis (Φ⁻¹(0) = −∞); they are drawn on the axis end and the caption says
/// so. The curve is the runner's decimated `det` points in report order.
struct DETPlot {
    var report: ConformanceReport

    static let frame = PlotFrame(width: 640, height: 540, left: 78, right: 24, top: 20, bottom: 66)

    struct Limit {
        var metric: ErrorMetric
        var value: Double
        var ids: [String]
    }

    var limits: [Limit] {
        var out: [Limit] = []
        for r in report.requirements where r.metric == .fmr || r.metric == .fnmr {
            if let i = out.firstIndex(where: { $0.metric == r.metric && $0.value == r.limit }) {
                out[i].ids.append(r.id)
            } else {
                out.append(Limit(metric: r.metric, value: r.limit, ids: [r.id]))
            }
        }
        return out
    }

    /// The operating point (FMR, FNMR) at the run's threshold, when both rates exist.
    var operatingPoint: (fmr: Double, fnmr: Double)? {
        guard let fmr = report.rate(.fmr)?.value, let fnmr = report.rate(.fnmr)?.value else { return nil }
        return (fmr, fnmr)
    }

    var axis: ProbitAxis {
        var mustShow = limits.map(\.value)
        if let op = operatingPoint { mustShow += [op.fmr, op.fnmr] }
        if let eer = report.eer { mustShow.append(eer.value) }
        // Where the curve leaves each axis's low end: a weak matcher's FNMR at the smallest resolvable FMR can be
        // far above 50 %, and that part of the curve is worth seeing (the axis then reaches 80 % or 95 %).
        let interior = report.det.filter { $0.fmr > 0 && $0.fnmr > 0 && $0.fmr < 1 && $0.fnmr < 1 }
        if let entry = interior.min(by: { ($0.fmr, -$0.fnmr) < ($1.fmr, -$1.fnmr) }) {
            mustShow.append(min(entry.fnmr, 0.95))
        }
        if let entry = interior.min(by: { ($0.fnmr, -$0.fmr) < ($1.fnmr, -$1.fmr) }) {
            mustShow.append(min(entry.fmr, 0.95))
        }
        var values = report.det.flatMap { [$0.fmr, $0.fnmr] }
        if report.counts.nonMatedScored > 0 { values.append(1 / Double(report.counts.nonMatedScored)) }
        if report.counts.matedScored > 0 { values.append(1 / Double(report.counts.matedScored)) }
        return ProbitAxis(values: values, mustShow: mustShow)
    }

    /// The SVG element, or nil when there is no curve to draw.
    func svg() -> String? {
        guard !report.det.isEmpty else { return nil }
        let f = DETPlot.frame
        let axis = axis
        func x(_ rate: Double) -> Double { f.plotLeft + axis.fraction(rate) * f.plotWidth }
        func y(_ rate: Double) -> Double { f.plotBottom - axis.fraction(rate) * f.plotHeight }
        func n(_ v: Double) -> String { svgNumber(v) }

        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(f.width)) \(n(f.height))\" "
        s += "width=\"\(Int(f.width))\" height=\"\(Int(f.height))\" role=\"img\" "
        s += "aria-labelledby=\"det-title det-desc\" class=\"plot\">\n"
        s += "<title id=\"det-title\">DET curve: FNMR against FMR on normal-deviate axes</title>\n"
        s += "<desc id=\"det-desc\">\(MarkupEscaping.xml(description(axis: axis)))</desc>\n"
        s += "<defs><clipPath id=\"det-clip\"><rect x=\"\(n(f.plotLeft - 4))\" y=\"\(n(f.plotTop - 4))\" "
        s += "width=\"\(n(f.plotWidth + 8))\" height=\"\(n(f.plotHeight + 8))\"/></clipPath></defs>\n"
        s += "<rect class=\"plot-bg\" x=\"\(n(f.plotLeft))\" y=\"\(n(f.plotTop))\" width=\"\(n(f.plotWidth))\" "
        s += "height=\"\(n(f.plotHeight))\"/>\n"

        // Region meeting both limits.
        let fmrLimit = limits.filter { $0.metric == .fmr }.map(\.value).min()
        let fnmrLimit = limits.filter { $0.metric == .fnmr }.map(\.value).min()
        if let fmrLimit, let fnmrLimit {
            s += "<rect class=\"det-ok\" x=\"\(n(f.plotLeft))\" y=\"\(n(y(fnmrLimit)))\" "
            s += "width=\"\(n(x(fmrLimit) - f.plotLeft))\" height=\"\(n(f.plotBottom - y(fnmrLimit)))\"/>\n"
        }

        // Grid and ticks.
        for tick in axis.ticks {
            let label = MarkupEscaping.xml(NumberText.percent(tick))
            s += "<line class=\"grid\" x1=\"\(n(x(tick)))\" y1=\"\(n(f.plotTop))\" x2=\"\(n(x(tick)))\" "
            s += "y2=\"\(n(f.plotBottom))\"/>\n"
            s += "<line class=\"grid\" x1=\"\(n(f.plotLeft))\" y1=\"\(n(y(tick)))\" x2=\"\(n(f.plotRight))\" "
            s += "y2=\"\(n(y(tick)))\"/>\n"
            s += "<text class=\"tick\" x=\"\(n(x(tick)))\" y=\"\(n(f.plotBottom + 16))\" "
            s += "text-anchor=\"middle\">\(label)</text>\n"
            s += "<text class=\"tick\" x=\"\(n(f.plotLeft - 6))\" y=\"\(n(y(tick) + 4))\" "
            s += "text-anchor=\"end\">\(label)</text>\n"
        }
        s += "<rect class=\"frame\" x=\"\(n(f.plotLeft))\" y=\"\(n(f.plotTop))\" width=\"\(n(f.plotWidth))\" "
        s += "height=\"\(n(f.plotHeight))\"/>\n"
        s += "<text class=\"axis-label\" x=\"\(n(f.plotLeft + f.plotWidth / 2))\" y=\"\(n(f.height - 26))\" "
        s += "text-anchor=\"middle\">False match rate (FMR), normal-deviate scale</text>\n"
        s += "<text class=\"axis-label\" transform=\"translate(18 \(n(f.plotTop + f.plotHeight / 2))) rotate(-90)\" "
        s += "text-anchor=\"middle\">False non-match rate (FNMR), normal-deviate scale</text>\n"

        s += "<g clip-path=\"url(#det-clip)\">\n"
        // FMR = FNMR diagonal.
        s += "<line class=\"diagonal\" x1=\"\(n(x(axis.low)))\" y1=\"\(n(y(axis.low)))\" "
        s += "x2=\"\(n(x(axis.high)))\" y2=\"\(n(y(axis.high)))\"/>\n"

        // Limit lines.
        // Labels of neighbouring limits alternate between the two halves of the line so they do not overlap.
        var fmrIndex = 0
        var fnmrIndex = 0
        for limit in limits.sorted(by: { $0.value < $1.value }) {
            let text = MarkupEscaping.xml(
                "\(limit.metric.rawValue) limit \(NumberText.percent(limit.value)) (\(limit.ids.joined(separator: ", ")))")
            if limit.metric == .fmr {
                let lx = x(limit.value)
                s += "<line class=\"limit\" x1=\"\(n(lx))\" y1=\"\(n(f.plotTop))\" x2=\"\(n(lx))\" "
                s += "y2=\"\(n(f.plotBottom))\"/>\n"
                let offset = Double(fmrIndex % 2) * f.plotHeight / 2
                fmrIndex += 1
                s += "<text class=\"limit-label\" transform=\"translate(\(n(lx + 12)) \(n(f.plotTop + 6 + offset))) "
                s += "rotate(90)\">\(text)</text>\n"
            } else {
                let ly = y(limit.value)
                s += "<line class=\"limit\" x1=\"\(n(f.plotLeft))\" y1=\"\(n(ly))\" x2=\"\(n(f.plotRight))\" "
                s += "y2=\"\(n(ly))\"/>\n"
                let offset = Double(fnmrIndex % 2) * f.plotWidth / 2
                fnmrIndex += 1
                s += "<text class=\"limit-label\" x=\"\(n(f.plotRight - 6 - offset))\" y=\"\(n(ly - 5))\" "
                s += "text-anchor=\"end\">\(text)</text>\n"
            }
        }

        // The curve.
        var points: [String] = []
        for p in report.det {
            let point = "\(n(x(p.fmr))),\(n(y(p.fnmr)))"
            if points.last != point { points.append(point) }
        }
        s += "<polyline class=\"det-curve\" points=\"\(points.joined(separator: " "))\"/>\n"

        // EER point.
        if let eer = report.eer {
            s += "<circle class=\"eer-point\" cx=\"\(n(x(eer.value)))\" cy=\"\(n(y(eer.value)))\" r=\"5\"/>\n"
            s += "<text class=\"point-label\" x=\"\(n(x(eer.value) + 9))\" y=\"\(n(y(eer.value) + 16))\">"
            s += "EER \(MarkupEscaping.xml(NumberText.percent(eer.value)))</text>\n"
        }
        // Operating point.
        if let op = operatingPoint {
            let cx = x(op.fmr)
            let cy = y(op.fnmr)
            s += "<path class=\"op-point\" d=\"M \(n(cx)) \(n(cy - 8)) L \(n(cx + 8)) \(n(cy)) L \(n(cx)) \(n(cy + 8)) "
            s += "L \(n(cx - 8)) \(n(cy)) Z\"/>\n"
            let text = "operating point: FMR \(NumberText.percent(op.fmr)), FNMR \(NumberText.percent(op.fnmr))"
            let label = MarkupEscaping.xml(text)
            // About 6.6 px per character at 12 px: put the label on the side where it fits.
            let anchorEnd = cx + 12 + Double(text.count) * 6.6 > f.plotRight
            s += "<text class=\"point-label\" x=\"\(n(anchorEnd ? cx - 12 : cx + 12))\" y=\"\(n(cy - 10))\" "
            s += "text-anchor=\"\(anchorEnd ? "end" : "start")\">\(label)</text>\n"
        }
        s += "</g>\n</svg>"
        return s
    }

    /// The note under the plot: which points were clipped to the axis ends.
    func clippingNote() -> String? {
        let axis = axis
        var zero = report.det.contains { $0.fmr == 0 || $0.fnmr == 0 }
        var outside = report.det.contains {
            ($0.fmr > 0 && axis.clips($0.fmr)) || ($0.fnmr > 0 && axis.clips($0.fnmr))
        }
        if let op = operatingPoint {
            zero = zero || op.fmr == 0 || op.fnmr == 0
            outside = outside || (op.fmr > 0 && axis.clips(op.fmr)) || (op.fnmr > 0 && axis.clips(op.fnmr))
        }
        var parts: [String] = []
        if zero {
            parts.append(
                "Rates of 0 % have no place on a normal-deviate axis (Φ⁻¹(0) = −∞), so they are drawn on the axis at "
                    + "\(NumberText.percent(axis.low)); with these sample sizes the smallest non-zero rates are "
                    + "1/\(NumberText.grouped(report.counts.nonMatedScored)) (FMR) and "
                    + "1/\(NumberText.grouped(report.counts.matedScored)) (FNMR).")
        }
        if outside {
            parts.append(
                "Points beyond \(NumberText.percent(axis.high)) are drawn on the edge of the plot.")
        }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    private func description(axis: ProbitAxis) -> String {
        var parts = [
            "Detection error trade-off curve with \(report.det.count) points, axes from "
                + "\(NumberText.percent(axis.low)) to \(NumberText.percent(axis.high)).",
        ]
        if let op = operatingPoint {
            parts.append(
                "Operating point: FMR \(NumberText.percent(op.fmr)), FNMR \(NumberText.percent(op.fnmr)).")
        }
        if let eer = report.eer { parts.append("EER \(NumberText.percent(eer.value)).") }
        for limit in limits {
            parts.append(
                "\(limit.metric.rawValue) limit \(NumberText.percent(limit.value)) "
                    + "(\(limit.ids.joined(separator: ", "))).")
        }
        return parts.joined(separator: " ")
    }
}
