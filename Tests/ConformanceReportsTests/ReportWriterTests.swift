import ConformanceReports
import ConformanceRunner
import Foundation
import Testing

struct ReportWriterTests {
    @Test("write creates the folder and one file per format, in the order asked, each equal to render")
    func writesFiles() throws {
        let directory = try ExternalTools.temporaryDirectory("write").appendingPathComponent("nested/out")
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent().deletingLastPathComponent()) }
        let writer = ReportWriter()
        let urls = try writer.write(SampleReports.full, formats: [.html, .json, .html], to: directory)
        #expect(urls.map(\.lastPathComponent) == ["report.html", "report.json"])
        for (url, format) in zip(urls, [ReportFormat.html, .json]) {
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(text == (try writer.render(SampleReports.full, as: format)))
        }
        #expect(try ReportReader.read(contentsOf: urls[1]) == SampleReports.full)
    }

    @Test("a report that cannot be encoded leaves the folder untouched")
    func renderErrorWritesNothing() throws {
        let directory = try ExternalTools.temporaryDirectory("nan")
        defer { try? FileManager.default.removeItem(at: directory) }
        var report = SampleReports.full
        report.timing.wallSeconds = .infinity
        #expect(throws: ReportError.self) { try ReportWriter().write(report, formats: [.markdown, .json], to: directory) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test("an output path that is a file gives a writeFailed error naming it")
    func unwritableFolder() throws {
        let directory = try ExternalTools.temporaryDirectory("blocked")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("file")
        try Data("x".utf8).write(to: file)
        let error = try #require(throws: ReportError.self) {
            try ReportWriter().write(SampleReports.full, formats: [.json], to: file.appendingPathComponent("out"))
        }
        #expect(error.code == .writeFailed)
        #expect(error.message.contains(file.path))
    }

    @Test("the terminal summary is a few lines: verdict first, one line per requirement, then where the files are")
    func terminalSummary() throws {
        let files = [URL(fileURLWithPath: "/out/report.json"), URL(fileURLWithPath: "/out/report.html")]
        let text = ReportWriter().terminalSummary(SampleReports.full, files: files)
        let lines = text.split(separator: "\n")
        #expect(lines.first?.hasPrefix("facecert: FAIL: ") == true)
        #expect(lines.filter { $0.hasPrefix("  FAIL ") || $0.hasPrefix("  PASS ") || $0.hasPrefix("  INCONCLUSIVE ") }
            .count == SampleReports.full.requirements.count)
        #expect(lines.last == "  reports: /out/report.json, /out/report.html")
        #expect(lines.count <= SampleReports.full.requirements.count + 7)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }
}
