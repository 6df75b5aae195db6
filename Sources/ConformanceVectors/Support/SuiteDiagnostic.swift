/// One finding about a suite: an error (the suite is refused) or a warning (the suite loads but a result from it
/// may say little).
public struct SuiteDiagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How serious a finding is.
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
    }

    /// Error or warning.
    public var severity: Severity
    /// A machine-readable category (shared with ``VectorsError/Code``).
    public var code: VectorsError.Code
    /// The file concerned, as the user named it.
    public var file: String
    /// The JSON path inside ``file`` (`$.images[3].sha256`), or `nil` when the finding is about the whole file.
    public var jsonPath: String?
    /// What is wrong and what to do.
    public var message: String

    public init(
        _ severity: Severity, _ code: VectorsError.Code, file: String, jsonPath: String?, _ message: String
    ) {
        self.severity = severity
        self.code = code
        self.file = file
        self.jsonPath = jsonPath
        self.message = message
    }

    /// `FILE PATH: error CODE: MESSAGE`, the line `facecert vectors lint` prints.
    public var description: String {
        "\(file)\(jsonPath.map { " \($0)" } ?? ""): \(severity.rawValue) \(code.rawValue): \(message)"
    }
}
