import ConformanceRunner
import Foundation

/// Reads `report.json` back into a ``ConformanceRunner/ConformanceReport``.
///
/// The reader checks the `schema` field before anything else: it accepts `facecert.report/1` and any minor
/// revision `facecert.report/1.N` (minor revisions only add optional fields, which this reader ignores), and
/// refuses every other major version with a message that says which versions it reads and what to do.
public enum ReportReader {
    /// The schema name every report starts with, before `/MAJOR[.MINOR]`.
    public static let schemaName = "facecert.report"
    /// The schema major version this reader understands.
    public static let supportedMajorVersion = 1

    /// Reads and decodes the report at `url`.
    ///
    /// - Parameter url: A `report.json` file.
    /// - Returns: The decoded report.
    /// - Throws: ``ReportError`` with ``ReportError/Code/readFailed`` when the file cannot be read,
    ///   ``ReportError/Code/notAReport``, ``ReportError/Code/unsupportedSchemaVersion`` or
    ///   ``ReportError/Code/invalidReport`` as ``decode(_:source:)`` does.
    /// - Complexity: O(*n*) in the file size.
    public static func read(contentsOf url: URL) throws(ReportError) -> ConformanceReport {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ReportError(
                code: .readFailed,
                message: "cannot read report \(url.path); check that the file exists and is readable",
                cause: "\(error)")
        }
        return try decode(data, source: url.path)
    }

    /// Decodes the text of a `report.json`.
    ///
    /// - Parameters:
    ///   - data: The JSON bytes.
    ///   - source: Where the bytes came from, for messages (a path, or `report.json`).
    /// - Returns: The decoded report.
    /// - Throws: ``ReportError`` with ``ReportError/Code/notAReport`` (not JSON, not an object, no or a foreign
    ///   `schema`), ``ReportError/Code/unsupportedSchemaVersion`` (another major version), or
    ///   ``ReportError/Code/invalidReport`` (a field missing or of the wrong type, with its JSON path).
    /// - Complexity: O(*n*) in the size of `data`.
    public static func decode(_ data: Data, source: String = "report.json") throws(ReportError) -> ConformanceReport {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ReportError(
                code: .notAReport,
                message: "\(source) is not valid JSON; a facecert report is a JSON object written by `facecert run`",
                cause: "\(error)")
        }
        guard let dictionary = object as? [String: Any] else {
            throw ReportError(
                code: .notAReport,
                message: "\(source) is JSON but not an object; a facecert report is a JSON object with a \"schema\" "
                    + "field \"\(ConformanceReport.schemaIdentifier)\"")
        }
        guard let schema = dictionary["schema"] as? String else {
            throw ReportError(
                code: .notAReport,
                message: "\(source) has no string field \"schema\" at $.schema, so it is not a facecert report "
                    + "(expected \"\(ConformanceReport.schemaIdentifier)\")")
        }
        try checkSchema(schema, source: source)
        do {
            return try ReportJSON.makeDecoder().decode(ConformanceReport.self, from: data)
        } catch let error as DecodingError {
            throw invalid(error, source: source)
        } catch {
            throw ReportError(code: .invalidReport, message: "\(source) could not be decoded", cause: "\(error)")
        }
    }

    /// Checks a `schema` value such as `facecert.report/1` or `facecert.report/1.2`.
    ///
    /// - Throws: ``ReportError/Code/notAReport`` for another schema name or an unparsable version,
    ///   ``ReportError/Code/unsupportedSchemaVersion`` for another major version.
    static func checkSchema(_ schema: String, source: String) throws(ReportError) {
        let prefix = schemaName + "/"
        guard schema.hasPrefix(prefix) else {
            throw ReportError(
                code: .notAReport,
                message: "\(source) declares schema \"\(schema)\" at $.schema, which is not a facecert report schema "
                    + "(expected \"\(ConformanceReport.schemaIdentifier)\")")
        }
        let version = schema.dropFirst(prefix.count)
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let major = Int(parts[0]), parts.allSatisfy({ UInt($0) != nil })
        else {
            throw ReportError(
                code: .notAReport,
                message: "\(source) declares schema \"\(schema)\" at $.schema; the version after \"/\" must be "
                    + "MAJOR or MAJOR.MINOR, e.g. \"\(ConformanceReport.schemaIdentifier)\"")
        }
        guard major == supportedMajorVersion else {
            throw ReportError(
                code: .unsupportedSchemaVersion,
                message: "\(source) uses report schema \"\(schema)\" (major version \(major)), but this facecert reads "
                    + "only \"\(schemaName)/\(supportedMajorVersion)\" and its minor revisions; open it with a facecert "
                    + "release that reads major version \(major), or re-render it from the run folder with "
                    + "`facecert report RUN_DIR` using this release")
        }
    }

    private static func invalid(_ error: DecodingError, source: String) -> ReportError {
        let what: String
        let context: DecodingError.Context
        switch error {
        case .keyNotFound(let key, let c):
            context = c
            what = "the required field \(ReportJSON.jsonPath(c.codingPath + [key])) is missing"
        case .typeMismatch(let type, let c):
            context = c
            what = "\(ReportJSON.jsonPath(c.codingPath)) has the wrong type (expected \(type))"
        case .valueNotFound(let type, let c):
            context = c
            what = "\(ReportJSON.jsonPath(c.codingPath)) is null (expected \(type))"
        case .dataCorrupted(let c):
            context = c
            what = "\(ReportJSON.jsonPath(c.codingPath)) is invalid: \(c.debugDescription)"
        @unknown default:
            return ReportError(code: .invalidReport, message: "\(source) could not be decoded", cause: "\(error)")
        }
        return ReportError(
            code: .invalidReport,
            message: "\(source) is not a valid \(ConformanceReport.schemaIdentifier) report: \(what); see "
                + "docs/report-format.md for the layout",
            cause: context.debugDescription)
    }
}
