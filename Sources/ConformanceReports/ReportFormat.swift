/// One of the files a conformance run writes.
///
/// The raw value is the name used on the command line (`--format json,junit,md,html`).
public enum ReportFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// `report.json`: the machine-readable record, schema `facecert.report/1` (docs/report-format.md).
    case json
    /// `junit.xml`: one test case per requirement, expected-outcome finding and plugin fault class.
    case junit
    /// `report.md`: the summary a person reads in a terminal or a pull request.
    case markdown = "md"
    /// `report.html`: one self-contained page with DET curve and score histograms as inline SVG.
    case html

    /// The file name this format is written to inside the output folder.
    public var fileName: String {
        switch self {
        case .json: "report.json"
        case .junit: "junit.xml"
        case .markdown: "report.md"
        case .html: "report.html"
        }
    }

    /// Parses a comma-separated list such as `json,junit,md,html`.
    ///
    /// Names are case-insensitive and surrounding spaces are ignored; `markdown` is accepted for `md`, and `all`
    /// stands for every format. Duplicates are dropped; the order of first mention is kept.
    ///
    /// - Parameter list: The list, e.g. the value of `--format`.
    /// - Returns: The formats, at least one, without duplicates.
    /// - Throws: ``ReportError`` with code ``ReportError/Code/unknownFormat`` naming the unknown entry and the
    ///   accepted names, or saying the list is empty.
    /// - Complexity: O(*n*) in the length of the list.
    public static func parseList(_ list: String) throws(ReportError) -> [ReportFormat] {
        let accepted = "use a comma-separated list of json, junit, md, html (or all)"
        var result: [ReportFormat] = []
        if list.split(separator: ",").allSatisfy({ $0.trimmingSpaces().isEmpty }) {
            throw ReportError(code: .unknownFormat, message: "the report format list is empty; \(accepted)")
        }
        for rawEntry in list.split(separator: ",", omittingEmptySubsequences: false) {
            let entry = rawEntry.trimmingSpaces().lowercased()
            let formats: [ReportFormat]
            switch entry {
            case "":
                throw ReportError(
                    code: .unknownFormat,
                    message: "empty entry in report format list \"\(list)\"; \(accepted)")
            case "all": formats = ReportFormat.allCases
            case "markdown": formats = [.markdown]
            default:
                guard let format = ReportFormat(rawValue: entry) else {
                    throw ReportError(
                        code: .unknownFormat,
                        message: "unknown report format \"\(rawEntry.trimmingSpaces())\" in \"\(list)\"; \(accepted)")
                }
                formats = [format]
            }
            for format in formats where !result.contains(format) { result.append(format) }
        }
        return result
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
