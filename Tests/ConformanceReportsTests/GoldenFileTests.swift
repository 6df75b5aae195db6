import ConformanceReports
import ConformanceRunner
import Foundation
import Testing

struct GoldenFileTests {
    @Test("every format of every sample report matches its golden file", arguments: SampleReports.all)
    func renderedReportsMatchGoldenFiles(sample: SampleReports.Named) throws {
        let writer = ReportWriter()
        for format in ReportFormat.allCases {
            try Golden.check(try writer.render(sample.report, as: format), against: "\(sample.name)/\(format.fileName)")
        }
        let files = ReportFormat.allCases.map { URL(fileURLWithPath: "/tmp/facecert-report").appendingPathComponent($0.fileName) }
        try Golden.check(writer.terminalSummary(sample.report, files: files), against: "\(sample.name)/summary.txt")
    }

    @Test("rendering is deterministic: the same report gives the same bytes twice", arguments: SampleReports.all)
    func renderingIsDeterministic(sample: SampleReports.Named) throws {
        let writer = ReportWriter()
        for format in ReportFormat.allCases {
            #expect(try writer.render(sample.report, as: format) == writer.render(sample.report, as: format))
        }
    }
}
