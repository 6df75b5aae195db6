import Foundation
import Testing

/// Golden files under `Tests/ConformanceReportsTests/Golden/`, compared byte for byte.
///
/// Set `FACECERT_RECORD_GOLDEN=1` to write the current output as the new golden file (and see the diff in git);
/// the test still fails in that mode so a recording run is never mistaken for a passing one.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden")

    static var recording: Bool { ProcessInfo.processInfo.environment["FACECERT_RECORD_GOLDEN"] == "1" }

    static func check(
        _ actual: String, against relativePath: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let url = directory.appendingPathComponent(relativePath)
        if recording {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url, options: .atomic)
            Issue.record("recorded golden file \(relativePath); unset FACECERT_RECORD_GOLDEN to compare",
                         sourceLocation: sourceLocation)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record(
                "golden file \(url.path) is missing; run with FACECERT_RECORD_GOLDEN=1 to record it",
                sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard expected != actual else { return }
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(expectedLines.count, actualLines.count)
        let want = first < expectedLines.count ? String(expectedLines[first]) : "<end of file>"
        let got = first < actualLines.count ? String(actualLines[first]) : "<end of file>"
        Issue.record(
            """
            \(relativePath) differs from its golden file at line \(first + 1):
              golden: \(want)
              actual: \(got)
            Re-record with FACECERT_RECORD_GOLDEN=1 if the change is intended, and review the diff.
            """, sourceLocation: sourceLocation)
    }
}
