import BiometricMetrics
import ConformanceRunner

/// Renders `report.html`: one self-contained HTML5 page (inline CSS and SVG; no scripts, fonts, images or any
/// other request), readable in any browser and printable.
///
/// Verdicts carry colour and text and a symbol (✔ ✘ ?), so they do not depend on colour vision; plots carry a
/// `<title>` and `<desc>` and the DET points are also given as a table.
struct HTMLRenderer {
    var report: ConformanceReport
    var options: ReportOptions

    /// Longest table the page lists in full; longer ones are sampled or cut, saying so (report.json has all).
    static let maximumTableRows = 500

    private func h(_ text: String) -> String { MarkupEscaping.xml(text) }

    func render() -> String {
        var body: [String] = []
        body.append(header())
        body.append(identity())
        body.append(requirements())
        body.append(detSection())
        body.append(histogramSection())
        body.append(rates())
        body.append(counts())
        body.append(expectedOutcomes())
        body.append(faults())
        body.append(timings())
        if !report.notes.isEmpty {
            body.append(
                "<section id=\"notes\">\n<h2>Notes</h2>\n<ul>\n"
                    + report.notes.map { "<li>\(h($0))</li>\n" }.joined() + "</ul>\n</section>")
        }
        let title =
            "facecert report: \(report.verdict.shout): \(report.matcherLabel) against \(report.profileLabel)"
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(h(title))</title>
            <style>
            \(HTMLRenderer.css)
            </style>
            </head>
            <body>
            <main>
            \(body.joined(separator: "\n"))
            </main>
            <footer>
            <p>Written by \(h(report.tool.name)) \(h(report.tool.version)) (libpng \(h(report.tool.libpngVersion))), \
            schema <code>\(h(report.schema))</code>. This page is self-contained: it loads nothing from the network.</p>
            </footer>
            </body>
            </html>

            """
    }

    private func verdictCell(_ verdict: Verdict?) -> String {
        guard let verdict else { return "<td>—</td>" }
        return "<td class=\"v v-\(verdict.rawValue)\">\(verdictLabel(verdict))</td>"
    }

    private func symbol(_ verdict: Verdict) -> String {
        switch verdict {
        case .pass: "✔"
        case .fail: "✘"
        case .inconclusive: "?"
        }
    }

    private func verdictLabel(_ verdict: Verdict) -> String {
        let word = verdict == .fail ? "FAIL" : verdict.rawValue
        return "<span aria-hidden=\"true\">\(symbol(verdict))</span> \(word)"
    }

    /// A table with a header row; cells are HTML already.
    private func table(_ caption: String?, _ header: [String], _ rows: [[String]], numericFrom: Int = 99) -> String {
        var s = "<div class=\"scroll\"><table>\n"
        if let caption { s += "<caption>\(h(caption))</caption>\n" }
        s += "<thead><tr>" + header.map { "<th scope=\"col\">\(h($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows {
            s += "<tr>"
            for (i, cell) in row.enumerated() {
                if cell.hasPrefix("<td") {
                    s += cell
                } else {
                    s += i >= numericFrom ? "<td class=\"num\">\(cell)</td>" : "<td>\(cell)</td>"
                }
            }
            s += "</tr>\n"
        }
        return s + "</tbody>\n</table></div>"
    }

    // MARK: Sections

    private func header() -> String {
        var s = "<header class=\"verdict v-\(report.verdict.rawValue)\">\n"
        s += "<h1>Verdict: <span aria-hidden=\"true\">\(symbol(report.verdict))</span> \(report.verdict.shout)</h1>\n"
        s += "<p>\(h(report.verdictSentence)).</p>\n"
        s += "<p class=\"who\">\(h(report.matcherLabel)) against profile \(h(report.profileLabel)) on suite "
        s += "\(h(report.suiteLabel))</p>\n</header>"
        for warning in report.provisionalWarnings {
            let (head, rest) = splitWarning(warning)
            s += "\n<p class=\"warning\" role=\"note\"><strong>\(h(head))</strong>\(h(rest))</p>"
        }
        return s
    }

    private func splitWarning(_ text: String) -> (String, String) {
        guard let colon = text.firstIndex(of: ":") else { return (text, "") }
        return (String(text[...colon]), String(text[text.index(after: colon)...]))
    }

    private func identity() -> String {
        let suite = report.suite
        let profile = report.profile
        let matcher = report.matcher
        var matcherText =
            "\(h(matcher.name)) \(h(matcher.version)) by \(h(matcher.vendor)); spec <code>\(h(matcher.spec))</code>; "
            + "\(matcher.scoreKind.rawValue) scores"
        if let declared = matcher.declaredThreshold {
            matcherText += "; declared threshold \(NumberText.score(declared))"
        }
        if let eyes = report.eyePositionsText { matcherText += "; \(h(eyes))" }
        if let sha = matcher.fileSHA256 { matcherText += "<br>file SHA-256 <code class=\"digest\">\(h(sha))</code>" }
        let rows: [(String, String)] = [
            (
                "Suite",
                "<code>\(h(report.suiteLabel))</code> \(h(suite.title)) (\(h(suite.status))); "
                    + "\(NumberText.grouped(suite.subjects)) subjects, \(NumberText.grouped(suite.images)) images"
                    + "<br>SHA-256 <code class=\"digest\">\(h(suite.digest))</code>"
            ),
            (
                "Profile",
                "<code>\(h(report.profileLabel))</code> \(h(profile.title)) (<strong>\(h(profile.status))</strong>); "
                    + "source: \(h(profile.source))"
            ),
            ("Matcher", matcherText),
            ("Threshold", h(report.thresholdDescription)),
            (
                "Run",
                "seed \(report.seed); \(ISO8601Text.format(report.startedAt)) to \(ISO8601Text.format(report.endedAt)); "
                    + (report.complete ? "complete" : "<strong>incomplete</strong>")
            ),
        ]
        var s = "<section id=\"identity\">\n<h2>Identity</h2>\n<div class=\"scroll\"><table class=\"kv\">\n<tbody>\n"
        for (key, value) in rows { s += "<tr><th scope=\"row\">\(key)</th><td>\(value)</td></tr>\n" }
        return s + "</tbody>\n</table></div>\n</section>"
    }

    private func requirements() -> String {
        var s = "<section id=\"requirements\">\n<h2>Requirements</h2>\n"
        guard !report.requirements.isEmpty else { return s + "<p>The profile sets no requirements.</p>\n</section>" }
        let rows = report.requirements.map { r in
            [
                "<code>\(h(r.id))</code>", r.metric.rawValue, r.level.rawValue,
                "<td class=\"nowrap\">≤ \(NumberText.percent(r.limit))</td>",
                h(r.observedText), h(r.boundText), verdictCell(r.verdict), "<td class=\"num\">\(r.neededText)</td>",
                h(r.explanation),
            ]
        }
        s += table(
            nil,
            ["Requirement", "Metric", "Level", "Limit", "Observed (errors/trials)", "Confidence bound", "Verdict",
             "Needed trials", "Why"],
            rows)
        s += "\n<p class=\"note\">A requirement passes when its confidence bound is at or below the limit, fails "
        s += "when the observed rate exceeds it, and is otherwise inconclusive. Only “shall” requirements decide the "
        s += "verdict.</p>\n</section>"
        return s
    }

    private func detSection() -> String {
        var s = "<section id=\"det\">\n<h2>DET curve</h2>\n"
        let plot = DETPlot(report: report)
        guard let svg = plot.svg() else {
            return s + "<p>No DET curve: it needs both mated and non-mated scores.</p>\n</section>"
        }
        s += "<figure>\n\(svg)\n<figcaption>FNMR against FMR over all thresholds, both on the normal-deviate "
        s += "(probit) scale. ◆ operating point, ○ EER, dashed red lines: the profile's FMR and FNMR limits, "
        s += "green area: both limits met."
        if let note = plot.clippingNote() { s += " \(h(note))" }
        s += "</figcaption>\n</figure>\n"
        let step = max(1, (report.det.count + HTMLRenderer.maximumTableRows - 1) / HTMLRenderer.maximumTableRows)
        let shown = stride(from: 0, to: report.det.count, by: step).map { report.det[$0] }
        let sampling = step == 1 ? "" : "; 1 in \(step) shown, all in report.json"
        s += "<details>\n<summary>DET points as a table (\(NumberText.grouped(report.det.count))\(sampling))</summary>\n"
        s += table(
            nil, ["Threshold", "FMR", "FNMR"],
            shown.map { [NumberText.score($0.threshold), NumberText.percent($0.fmr), NumberText.percent($0.fnmr)] },
            numericFrom: 0)
        return s + "\n</details>\n</section>"
    }

    private func histogramSection() -> String {
        var s = "<section id=\"histograms\">\n<h2>Score histograms</h2>\n"
        guard let svg = HistogramPlot(report: report).svg() else {
            let reason =
                report.histograms == nil
                ? "the run produced no scores" : "the bins and counts in the report disagree or hold no scores"
            return s + "<p>No histograms: \(reason).</p>\n</section>"
        }
        s += "<figure>\n\(svg)\n<figcaption>Mated (solid, blue) and non-mated (dashed, orange) scores, each as a share "
        s += "of its own class; the vertical line is the operating threshold.</figcaption>\n</figure>\n</section>"
        return s
    }

    private func rates() -> String {
        var s = "<section id=\"rates\">\n<h2>Error rates at the operating threshold</h2>\n"
        if report.rates.isEmpty {
            s += "<p>No rates: the run produced no comparisons or templates to count.</p>\n"
        } else {
            s += table(
                nil, ["Rate", "Value", "Errors/trials", "Interval", "Formula"],
                report.rates.map {
                    [
                        $0.metric.rawValue, NumberText.percent($0.value),
                        "\(NumberText.grouped($0.errors))/\(NumberText.grouped($0.trials))", h($0.intervalText),
                        h($0.formula),
                    ]
                }) + "\n"
        }
        if let eer = report.eer {
            s += "<p><strong>EER</strong> \(NumberText.percent(eer.value)) at threshold \(NumberText.score(eer.threshold)) "
            s += "(interval [\(NumberText.percent(eer.low)), \(NumberText.percent(eer.high))], FVC EERlow/EERhigh).</p>\n"
        } else {
            s += "<p><strong>EER</strong> not computed: it needs both mated and non-mated scores.</p>\n"
        }
        s += "<h3>FNMR at fixed FMR</h3>\n"
        if report.fnmrAtFMR.isEmpty {
            s += "<p>No FNMR at FMR table: no scores.</p>\n"
        } else {
            let nonMated = NumberText.grouped(report.counts.nonMatedScored)
            s += table(
                nil, ["Target FMR", "Threshold", "FMR", "FNMR"],
                report.fnmrAtFMR.map { row in
                    guard row.reachable else {
                        return [
                            NumberText.percent(row.targetFMR),
                            "<td colspan=\"3\">not reachable with \(nonMated) non-mated scores</td>",
                        ]
                    }
                    return [
                        NumberText.percent(row.targetFMR), row.threshold.map(NumberText.score) ?? "—",
                        NumberText.percent(row.fmr), NumberText.percent(row.fnmr),
                    ]
                }, numericFrom: 0) + "\n"
        }
        return s + "</section>"
    }

    private func counts() -> String {
        let c = report.counts
        func n(_ x: Int) -> String { NumberText.grouped(x) }
        return "<section id=\"counts\">\n<h2>Counts</h2>\n"
            + table(
                nil, ["", "Planned / attempted", "Scored / succeeded", "Failed"],
                [
                    ["Mated comparisons", n(c.matedPlanned), n(c.matedScored), n(c.matedFailed)],
                    ["Non-mated comparisons", n(c.nonMatedPlanned), n(c.nonMatedScored), n(c.nonMatedFailed)],
                    [
                        "Templates", n(c.templatesAttempted), n(c.templatesAttempted - c.templatesFailed),
                        n(c.templatesFailed),
                    ],
                    ["Enrolment / acquisition failures", "—", "—", "\(n(c.enrolmentFailures)) / \(n(c.acquisitionFailures))"],
                    ["Images / subjects", "\(n(c.images)) / \(n(c.subjects))", "—", "—"],
                ], numericFrom: 1) + "\n</section>"
    }

    private func expectedOutcomes() -> String {
        var s = "<section id=\"expected-outcomes\">\n<h2>Expected outcomes</h2>\n"
        let findings = report.expectedOutcomes
        guard !findings.isEmpty else {
            return s + "<p>No image in the suite states an expected outcome.</p>\n</section>"
        }
        let missed = findings.filter { !$0.conforms }
        s += "<p>\(findings.count - missed.count) of \(findings.count) images met their expected outcome"
        var listed = findings
        if findings.count > HTMLRenderer.maximumTableRows {
            listed = Array(missed.prefix(HTMLRenderer.maximumTableRows))
            s += "; listed: the first \(listed.count) of the \(missed.count) that did not (all in report.json)"
        }
        s += ".</p>\n"
        s += table(
            nil, ["Image", "Expected", "Actual", "Code", "Message", "Result"],
            listed.map {
                [
                    "<code>\(h($0.imageId))</code>", h($0.expected), h($0.actual), $0.code.map { "<code>\(h($0))</code>" } ?? "—",
                    $0.message.map(h) ?? "—", verdictCell($0.conforms ? .pass : .fail),
                ]
            })
        return s + "\n</section>"
    }

    private func faults() -> String {
        var s = "<section id=\"faults\">\n<h2>Plugin faults</h2>\n"
        guard !report.faults.isEmpty else { return s + "<p>None.</p>\n</section>" }
        let classes = report.faultClasses
        s += table(
            nil, ["Call", "Code", "Count"],
            classes.map { [h($0.call), "<code>\(h($0.code))</code>", NumberText.grouped($0.faults.count)] },
            numericFrom: 2) + "\n"
        var rows: [[String]] = []
        let limit = max(0, options.maximumListedFaultsPerClass)
        for faultClass in classes {
            for fault in faultClass.faults.prefix(limit) {
                rows.append([
                    h(fault.call), "<code>\(h(fault.code))</code>", "<code>\(h(fault.subject))</code>", h(fault.message),
                ])
            }
            if faultClass.faults.count > limit {
                rows.append([
                    h(faultClass.call), "<code>\(h(faultClass.code))</code>",
                    "<td colspan=\"2\">… and \(NumberText.grouped(faultClass.faults.count - limit)) more in report.json</td>",
                ])
            }
        }
        s += "<details open>\n<summary>Each fault (up to \(limit) per class)</summary>\n"
        s += table(nil, ["Call", "Code", "Subject", "Message"], rows)
        return s + "\n</details>\n</section>"
    }

    private func timings() -> String {
        var s = "<section id=\"timings\">\n<h2>Timings</h2>\n"
        if !report.timedCalls.isEmpty {
            s += table(
                nil, ["Call", "Count", "Median", "95th percentile", "Max", "Limit", "Verdict"],
                report.timedCalls.map { label, t in
                    [
                        label, NumberText.grouped(t.count), NumberText.duration(t.medianSeconds),
                        NumberText.duration(t.p95Seconds), NumberText.duration(t.maxSeconds),
                        t.limitSeconds.map(NumberText.duration) ?? "—", verdictCell(t.verdict),
                    ]
                }, numericFrom: 1) + "\n"
        }
        s += "<p>Wall time \(NumberText.duration(report.timing.wallSeconds)) with \(report.timing.jobs) "
        s += "job\(report.timing.jobs == 1 ? "" : "s").</p>\n</section>"
        return s
    }

    static let css = """
        :root { --pass: #0b6b2e; --pass-bg: #e3f4e8; --fail: #a4161a; --fail-bg: #fde8e8;
          --inc: #7a4f00; --inc-bg: #fff3d1; --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans",
          sans-serif; color: var(--ink); background: #fff; }
        main, footer { max-width: 1100px; margin: 0 auto; padding: 0 20px; }
        footer { color: var(--muted); font-size: 13px; border-top: 1px solid var(--line); margin-top: 32px; }
        h1 { margin: 0 0 4px; font-size: 28px; }
        h2 { margin: 28px 0 8px; font-size: 20px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
        h3 { font-size: 16px; margin: 18px 0 6px; }
        code { font: 13px/1.3 ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", monospace; }
        code.digest { word-break: break-all; }
        .verdict { margin: 20px 0 12px; padding: 14px 18px; border-radius: 6px; border-left: 8px solid; }
        .verdict p { margin: 2px 0; }
        .verdict .who { color: var(--muted); }
        .v-pass { color: var(--pass); background: var(--pass-bg); border-color: var(--pass); }
        .v-fail { color: var(--fail); background: var(--fail-bg); border-color: var(--fail); }
        .v-inconclusive { color: var(--inc); background: var(--inc-bg); border-color: var(--inc); }
        .verdict.v-pass p, .verdict.v-fail p, .verdict.v-inconclusive p { color: var(--ink); }
        .warning { padding: 10px 14px; border: 2px solid var(--inc); background: var(--inc-bg); border-radius: 6px; }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; margin: 6px 0; font-size: 14px; }
        th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
        thead th { background: #f3f5f7; }
        table.kv th { background: #f3f5f7; white-space: nowrap; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.v { font-weight: 600; white-space: nowrap; border-color: var(--line); }
        td.nowrap { white-space: nowrap; }
        .note, figcaption { color: var(--muted); font-size: 13px; }
        figure { margin: 8px 0; }
        svg.plot { max-width: 100%; height: auto; display: block; font-size: 12px; }
        svg .plot-bg { fill: #fff; }
        svg .frame { fill: none; stroke: #57606a; stroke-width: 1; }
        svg .grid { stroke: #e1e4e8; stroke-width: 1; }
        svg .tick-mark { stroke: #57606a; }
        svg .tick { fill: #57606a; font-size: 11px; }
        svg .axis-label { fill: var(--ink); font-size: 13px; }
        svg .legend { fill: var(--ink); font-size: 12px; }
        svg .det-curve { fill: none; stroke: #0550ae; stroke-width: 2.5; stroke-linejoin: round; }
        svg .diagonal { stroke: #8c959f; stroke-width: 1; stroke-dasharray: 2 4; }
        svg .limit { stroke: #a4161a; stroke-width: 1.5; stroke-dasharray: 8 4; }
        svg .limit-label { fill: #a4161a; font-size: 12px; }
        svg .det-ok { fill: #e3f4e8; }
        svg .op-point { fill: #1b1f24; stroke: #fff; stroke-width: 1.5; }
        svg .eer-point { fill: #fff; stroke: #0550ae; stroke-width: 2; }
        svg .point-label { fill: var(--ink); font-size: 12px; }
        svg .hist-mated { fill: rgba(5, 80, 174, 0.25); stroke: #0550ae; stroke-width: 2; }
        svg .hist-nonmated { fill: rgba(188, 76, 0, 0.2); stroke: #bc4c00; stroke-width: 2; stroke-dasharray: 6 3; }
        svg .threshold { stroke: #1b1f24; stroke-width: 2; }
        details { margin: 6px 0; }
        @media print { .scroll { overflow: visible; } }
        """
}
