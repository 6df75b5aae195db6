import ConformanceReports
import ConformanceRunner
import Foundation
import Testing

struct JUnitReportTests {
    /// The counts `junit.xml` must have, computed from `report.json` (not from the renderer) by the rules in
    /// docs/report-format.md.
    struct Expected: Equatable {
        var tests = 0
        var failures = 0
        var errors = 0
        var skipped = 0
    }

    static func expectedCounts(fromJSON text: String, inconclusiveShallIsFailure: Bool = true) throws -> Expected {
        let json = try JSONValue.parse(Data(text.utf8))
        var e = Expected()
        e.tests += 1  // "run completed"
        if json["complete"] == .bool(false) { e.errors += 1 }
        if case .array(let requirements)? = json["requirements"] {
            for r in requirements {
                e.tests += 1
                switch (r["level"], r["verdict"]) {
                case (_, .string("pass")?): break
                case (.string("shall")?, .string("fail")?): e.failures += 1
                case (.string("shall")?, .string("inconclusive")?):
                    if inconclusiveShallIsFailure { e.failures += 1 } else { e.skipped += 1 }
                default: e.skipped += 1
                }
            }
        }
        for call in ["templateCreation", "comparison"] {
            guard let timing = json["timing"]?[call], timing["limitSeconds"] != nil else { continue }
            e.tests += 1
            switch timing["verdict"] {
            case .string("pass")?: break
            case .string("fail")?: e.failures += 1
            default: if inconclusiveShallIsFailure { e.failures += 1 } else { e.skipped += 1 }
            }
        }
        if case .array(let findings)? = json["expectedOutcomes"] {
            e.tests += findings.count
            e.failures += findings.filter { $0["conforms"] == .bool(false) }.count
        }
        if case .array(let faults)? = json["faults"] {
            var classes = Set<String>()
            for fault in faults {
                if case .string(let call)? = fault["call"], case .string(let code)? = fault["code"] {
                    classes.insert(call + "\u{0}" + code)
                }
            }
            e.tests += classes.count
            e.failures += classes.count
        }
        return e
    }

    @Test("junit.xml parses with XMLParser and its counts match report.json", arguments: SampleReports.all)
    func countsMatchTheJSON(sample: SampleReports.Named) throws {
        let writer = ReportWriter()
        let xml = try writer.render(sample.report, as: .junit)
        let document = JUnitDocument.parse(xml)
        #expect(document.parseError == nil, "\(document.parseError ?? "")")
        let expected = try Self.expectedCounts(fromJSON: writer.render(sample.report, as: .json))
        let counted = Expected(
            tests: document.cases.count, failures: document.count("failure"), errors: document.count("error"),
            skipped: document.count("skipped"))
        #expect(counted == expected)
        let declared = Expected(
            tests: Int(document.rootAttributes["tests"] ?? "") ?? -1,
            failures: Int(document.rootAttributes["failures"] ?? "") ?? -1,
            errors: Int(document.rootAttributes["errors"] ?? "") ?? -1,
            skipped: Int(document.rootAttributes["skipped"] ?? "") ?? -1)
        #expect(declared == expected)
        #expect(
            document.suiteAttributes.map { $0["name"] ?? "" }
                == ["run", "requirements", "time-limits", "expected-outcomes", "plugin-faults"])
        let perSuite = document.suiteAttributes.map { Int($0["tests"] ?? "") ?? -1 }.reduce(0, +)
        #expect(perSuite == expected.tests)
    }

    @Test("a failed shall requirement is a failed test case and a should one is skipped")
    func requirementOutcomes() throws {
        let document = JUnitDocument.parse(try ReportWriter().render(SampleReports.full, as: .junit))
        let byName = Dictionary(uniqueKeysWithValues: document.cases.map { ($0.name, $0) })
        #expect(byName["FMR-1: FMR ≤ 0.1 % (shall)"]?.outcome == nil)
        #expect(byName["FNMR-1: FNMR ≤ 2 % (shall)"]?.outcome == "failure")
        #expect(byName["FNMR-1: FNMR ≤ 2 % (shall)"]?.outcomeType == "fail")
        #expect(byName["FTE-1: FTE ≤ 1 % (shall)"]?.outcomeType == "inconclusive")
        #expect(byName["FAR-1: FAR ≤ 0.05 % (should)"]?.outcome == "skipped")
        #expect(byName["template: timeout"]?.outcome == "failure")
        #expect(byName["template: timeout"]?.message == "2 timeout faults in template calls")
    }

    @Test("with inconclusiveShallIsFailure off an inconclusive shall requirement is skipped, and counts follow")
    func inconclusiveCanBeSkipped() throws {
        let writer = ReportWriter(options: ReportOptions(inconclusiveShallIsFailure: false))
        let document = JUnitDocument.parse(try writer.render(SampleReports.full, as: .junit))
        let inconclusive = try #require(document.cases.first { $0.name.hasPrefix("FTE-1") })
        #expect(inconclusive.outcome == "skipped")
        let expected = try Self.expectedCounts(
            fromJSON: writer.render(SampleReports.full, as: .json), inconclusiveShallIsFailure: false)
        #expect(document.count("skipped") == expected.skipped)
        #expect(document.count("failure") == expected.failures)
    }

    @Test("an interrupted run is an error test case")
    func interruptedRunIsAnError() throws {
        let document = JUnitDocument.parse(try ReportWriter().render(SampleReports.interrupted, as: .junit))
        let run = try #require(document.cases.first { $0.name == "run completed" })
        #expect(run.outcome == "error")
        #expect(document.properties["complete"] == "false")
    }

    @Test("hostile text survives XML escaping exactly, control characters spelled out")
    func hostileTextRoundTrips() throws {
        var report = SampleReports.full
        let hostile = "a<b>&c\"d'e ]]> <!-- x --> \u{1F600}"
        report.requirements[0].id = hostile
        report.requirements[0].explanation = "line one\nline two\ttab & <more>"
        report.faults[0].message = "bell\u{7} esc\u{1B} nul\u{0}"
        let document = JUnitDocument.parse(try ReportWriter().render(report, as: .junit))
        #expect(document.parseError == nil, "\(document.parseError ?? "")")
        #expect(document.cases.contains { $0.name == "\(hostile): FMR ≤ 0.1 % (shall)" })
        #expect(document.cases.contains { $0.systemOut.contains("line one\nline two\ttab & <more>") })
        let fault = try #require(document.cases.first { $0.name == "template: timeout" })
        #expect(fault.body.contains("bell\\u{7} esc\\u{1B} nul\\u{0}"))
    }

    @Test(
        "xmllint accepts every sample junit.xml",
        .enabled(
            if: ExternalTools.which("xmllint") != nil || ExternalTools.isCI,
            "needs xmllint: apt-get install libxml2-utils (.ci/run installs it; required when CI=true)"))
    func xmllintAccepts() throws {
        let xmllint = try #require(ExternalTools.which("xmllint"), "xmllint missing: apt-get install libxml2-utils")
        let directory = try ExternalTools.temporaryDirectory("junit")
        defer { try? FileManager.default.removeItem(at: directory) }
        for sample in SampleReports.all {
            let url = directory.appendingPathComponent("\(sample.name).xml")
            try Data(try ReportWriter().render(sample.report, as: .junit).utf8).write(to: url)
            let result = try ExternalTools.run(xmllint, ["--noout", url.path])
            #expect(result.status == 0, "\(sample.name): \(result.output)")
        }
    }
}
