import ConformanceRunner
import Foundation

/// Renders a ``ConformanceRunner/ConformanceReport`` in each ``ReportFormat`` and writes the files.
///
/// Rendering is a pure function of the report and the ``ReportOptions``: the same report gives the same bytes on
/// every machine (no clock, locale or environment is read), which is what golden-file tests and `--resume`
/// reproducibility rely on.
public struct ReportWriter: Sendable {
    /// The choices the renderers make.
    public var options: ReportOptions

    /// Creates a writer.
    ///
    /// - Parameter options: Rendering choices; the defaults are those of `facecert run`.
    public init(options: ReportOptions = ReportOptions()) {
        self.options = options
    }

    /// Renders `report` as the text of one format.
    ///
    /// - Parameters:
    ///   - report: The report.
    ///   - format: The format.
    /// - Returns: The file content, UTF-8 text ending in a line feed.
    /// - Throws: ``ReportError`` with ``ReportError/Code/notEncodable`` when a number the JSON needs is NaN or
    ///   infinite (the other formats never throw).
    /// - Complexity: O(*n*) in the size of the report (DET points, histogram bins, findings, faults).
    public func render(_ report: ConformanceReport, as format: ReportFormat) throws(ReportError) -> String {
        switch format {
        case .json: try ReportJSON.render(report)
        case .junit: JUnitRenderer(report: report, options: options).render()
        case .markdown: MarkdownRenderer(report: report).render()
        case .html: HTMLRenderer(report: report, options: options).render()
        }
    }

    /// Renders `report` in every format of `formats` and writes each to its ``ReportFormat/fileName`` inside
    /// `directory`, creating the folder if needed. Each file is written atomically (a reader never sees half a
    /// file), replacing an older one.
    ///
    /// - Parameters:
    ///   - report: The report.
    ///   - formats: The formats, in the order the files should be written; duplicates are written once.
    ///   - directory: The output folder.
    /// - Returns: The URLs of the files written, in the order of `formats`.
    /// - Throws: ``ReportError`` with ``ReportError/Code/writeFailed`` naming the folder or file that could not be
    ///   written, or ``ReportError/Code/notEncodable`` from ``render(_:as:)``. Every format is rendered before
    ///   the first file is written, so a rendering error leaves the folder untouched.
    /// - Complexity: O(*n*) in the size of the report, per format.
    @discardableResult
    public func write(
        _ report: ConformanceReport, formats: [ReportFormat], to directory: URL
    ) throws(ReportError) -> [URL] {
        var unique: [ReportFormat] = []
        for format in formats where !unique.contains(format) { unique.append(format) }
        var rendered: [(ReportFormat, String)] = []
        for format in unique { rendered.append((format, try render(report, as: format))) }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportError(
                code: .writeFailed,
                message: "cannot create the report folder \(directory.path); choose another --out folder or fix "
                    + "its permissions",
                cause: "\(error)")
        }
        var urls: [URL] = []
        for (format, text) in rendered {
            let url = directory.appendingPathComponent(format.fileName)
            do {
                try Data(text.utf8).write(to: url, options: .atomic)
            } catch {
                throw ReportError(
                    code: .writeFailed,
                    message: "cannot write \(url.path); check free space and permissions of the folder",
                    cause: "\(error)")
            }
            urls.append(url)
        }
        return urls
    }

    /// A few plain-text lines for the terminal after a run: the verdict, one line per requirement, counts of
    /// findings and faults, and where the report files are.
    ///
    /// - Parameters:
    ///   - report: The report.
    ///   - files: The files written (as ``write(_:formats:to:)`` returns them); omitted from the text when empty.
    /// - Returns: Lines separated by line feeds, ending in one; no colour or control characters.
    /// - Complexity: O(*r*) in the number of requirements.
    public func terminalSummary(_ report: ConformanceReport, files: [URL] = []) -> String {
        TerminalSummary(report: report, options: options).render(files: files)
    }
}
