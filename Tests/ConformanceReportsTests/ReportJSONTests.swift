import ConformanceReports
import ConformanceRunner
import Foundation
import Testing

struct ReportJSONTests {
    let writer = ReportWriter()

    @Test("report.json decodes back to the same report", arguments: SampleReports.all)
    func jsonRoundTripsThroughTheReader(sample: SampleReports.Named) throws {
        let text = try writer.render(sample.report, as: .json)
        let decoded = try ReportReader.decode(Data(text.utf8))
        #expect(decoded == sample.report)
    }

    @Test("dates with milliseconds survive the round trip")
    func fractionalSecondsRoundTrip() throws {
        var report = SampleReports.full
        report.startedAt = Date(timeIntervalSince1970: 1_795_000_000.125)
        let text = try writer.render(report, as: .json)
        #expect(text.contains("\"startedAt\" : \"2026-11-18T11:06:40.125Z\""))
        #expect(try ReportReader.decode(Data(text.utf8)).startedAt == report.startedAt)
    }

    @Test("keys are sorted at every level and the output is pretty-printed with a final newline")
    func keysAreSortedAndPretty() throws {
        let text = try writer.render(SampleReports.full, as: .json)
        #expect(text.hasPrefix("{\n  \"complete\" : true,\n  \"counts\" : {\n    \"acquisitionFailures\""))
        #expect(text.hasSuffix("}\n"))
        // Top-level keys appear in lexicographic order.
        let topLevel = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map {
            String($0.dropFirst(3).prefix { $0 != "\"" })
        }
        #expect(topLevel == topLevel.sorted())
        #expect(topLevel.first == "complete" && topLevel.contains("schema"))
    }

    @Test("dates are ISO 8601 UTC strings")
    func datesAreISO8601() throws {
        let text = try writer.render(SampleReports.full, as: .json)
        #expect(text.contains("\"startedAt\" : \"2026-11-18T11:06:40Z\""))
        #expect(text.contains("\"endedAt\" : \"2026-11-18T11:19:14.250Z\""))
    }

    @Test("a NaN rate is refused with its JSON path instead of writing invalid JSON")
    func nanIsRefusedWithItsPath() throws {
        var report = SampleReports.full
        report.rates[1].value = .nan
        let error = try #require(throws: ReportError.self) { try writer.render(report, as: .json) }
        #expect(error.code == .notEncodable)
        #expect(error.message.contains("$.rates[1].value"))
    }

    @Test("the reader refuses another major schema version and says which it reads")
    func readerRefusesUnknownMajorVersion() throws {
        let text = try writer.render(SampleReports.full, as: .json)
            .replacingOccurrences(of: "\"facecert.report/1\"", with: "\"facecert.report/2\"")
        let error = try #require(throws: ReportError.self) {
            try ReportReader.decode(Data(text.utf8), source: "run/report.json")
        }
        #expect(error.code == .unsupportedSchemaVersion)
        #expect(error.message.contains("run/report.json"))
        #expect(error.message.contains("facecert.report/2"))
        #expect(error.message.contains("reads only \"facecert.report/1\""))
    }

    @Test("the reader accepts a later minor revision and ignores fields it does not know")
    func readerAcceptsMinorRevisionWithExtraFields() throws {
        let text = try writer.render(SampleReports.full, as: .json)
            .replacingOccurrences(of: "\"facecert.report/1\"", with: "\"facecert.report/1.3\"")
            .replacingOccurrences(of: "{\n  \"complete\"", with: "{\n  \"futureField\" : [1, 2],\n  \"complete\"")
        let report = try ReportReader.decode(Data(text.utf8))
        #expect(report.schema == "facecert.report/1.3")
        #expect(report.requirements == SampleReports.full.requirements)
    }

    @Test(
        "the reader refuses files that are not facecert reports",
        arguments: [
            ("not json", "{", ReportError.Code.notAReport),
            ("array", "[1]", .notAReport),
            ("no schema", "{\"complete\": true}", .notAReport),
            ("foreign schema", "{\"schema\": \"other.report/1\"}", .notAReport),
            ("bad version", "{\"schema\": \"facecert.report/one\"}", .notAReport),
            ("major 0", "{\"schema\": \"facecert.report/0\"}", .unsupportedSchemaVersion),
            ("fields missing", "{\"schema\": \"facecert.report/1\"}", .invalidReport),
        ])
    func readerRefusesNonReports(label: String, text: String, code: ReportError.Code) throws {
        let error = try #require(throws: ReportError.self, "\(label)") { try ReportReader.decode(Data(text.utf8)) }
        #expect(error.code == code, "\(label): \(error.message)")
    }

    @Test("a missing or mistyped field is reported with its JSON path")
    func invalidFieldNamesItsPath() throws {
        let text = try writer.render(SampleReports.full, as: .json)
            .replacingOccurrences(of: "\"errors\" : 47,", with: "\"errors\" : \"many\",")
        let error = try #require(throws: ReportError.self) { try ReportReader.decode(Data(text.utf8)) }
        #expect(error.code == .invalidReport)
        #expect(error.message.contains("$.rates[1].errors"))
    }

    @Test("reading a missing file says which file")
    func readingMissingFileNamesIt() throws {
        let url = URL(fileURLWithPath: "/nonexistent/facecert/report.json")
        let error = try #require(throws: ReportError.self) { try ReportReader.read(contentsOf: url) }
        #expect(error.code == .readFailed)
        #expect(error.message.contains(url.path))
    }
}
