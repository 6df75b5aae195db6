import ConformanceReports
import Testing

struct ReportFormatTests {
    @Test(
        "format lists parse in order, case-insensitively, without duplicates",
        arguments: [
            ("json", [ReportFormat.json]),
            ("json,junit,md,html", [.json, .junit, .markdown, .html]),
            (" HTML , markdown ", [.html, .markdown]),
            ("md,json,md", [.markdown, .json]),
            ("all", [.json, .junit, .markdown, .html]),
            ("html,all", [.html, .json, .junit, .markdown]),
        ])
    func parsesLists(list: String, formats: [ReportFormat]) throws {
        #expect(try ReportFormat.parseList(list) == formats)
    }

    @Test("an unknown or empty entry is refused with the accepted names",
          arguments: ["", " ", "json,", "json,,html", "htm", "json,pdf"])
    func refusesBadLists(list: String) throws {
        let error = try #require(throws: ReportError.self) { try ReportFormat.parseList(list) }
        #expect(error.code == .unknownFormat)
        #expect(error.message.contains("json, junit, md, html"))
    }

    @Test("the unknown entry is named")
    func namesUnknownEntry() throws {
        let error = try #require(throws: ReportError.self) { try ReportFormat.parseList("json, pdf") }
        #expect(error.message.contains("\"pdf\""))
    }

    @Test("each format has its own file name")
    func fileNames() {
        #expect(ReportFormat.allCases.map(\.fileName) == ["report.json", "junit.xml", "report.md", "report.html"])
    }
}
