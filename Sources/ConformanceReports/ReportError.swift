import Foundation

/// A failure to parse a format list, render, write or read a conformance report.
///
/// Every ``message`` says what went wrong, where (file, JSON path, format list) and what to do about it.
public struct ReportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure; extensible, so switch over it with a `default` case.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The code's name, e.g. `unknownFormat`.
        public var rawValue: String
        /// Creates a code from its name.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The code's name.
        public var description: String { rawValue }

        /// A `--format` list named an unknown format or was empty.
        public static let unknownFormat = Code(rawValue: "unknownFormat")
        /// The report holds a value the format cannot represent (NaN or infinite number).
        public static let notEncodable = Code(rawValue: "notEncodable")
        /// The output folder or a report file could not be created or written.
        public static let writeFailed = Code(rawValue: "writeFailed")
        /// The report file could not be read.
        public static let readFailed = Code(rawValue: "readFailed")
        /// The file is not JSON, or not a facecert report.
        public static let notAReport = Code(rawValue: "notAReport")
        /// The report declares a schema major version this reader does not understand.
        public static let unsupportedSchemaVersion = Code(rawValue: "unsupportedSchemaVersion")
        /// The report declares a supported schema but a field is missing or has the wrong type.
        public static let invalidReport = Code(rawValue: "invalidReport")
    }

    /// The kind of failure.
    public var code: Code
    /// What was wrong, where, and what to do.
    public var message: String
    /// The underlying error (file system, JSON decoder), when there is one.
    public var cause: String?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: The kind of failure.
    ///   - message: What was wrong, where, and what to do.
    ///   - cause: The underlying error's description, if any.
    public init(code: Code, message: String, cause: String? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// `code: message (cause)`.
    public var description: String {
        if let cause { return "\(code): \(message) (\(cause))" }
        return "\(code): \(message)"
    }
}
