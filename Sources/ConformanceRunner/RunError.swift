/// Why a run could not start or finish. Matcher refusals and faults are never a `RunError`: they are findings in
/// the report.
public struct RunError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong; the CLI maps codes to exit statuses (65 for invalid inputs, 64 for usage).
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The suite cannot be used (an image does not decode, a comparison names a missing image, …).
        public static let invalidSuite = Code(rawValue: "invalidSuite")
        /// The profile cannot be used.
        public static let invalidProfile = Code(rawValue: "invalidProfile")
        /// The matcher cannot be used (e.g. its identity is unusable).
        public static let invalidPlugin = Code(rawValue: "invalidPlugin")
        /// The output folder already holds a journal and `resume` was not asked for.
        public static let journalExists = Code(rawValue: "journalExists")
        /// `resume` was asked for but the journal was made with other parameters.
        public static let journalMismatch = Code(rawValue: "journalMismatch")
        /// The journal is missing or unreadable where one is needed.
        public static let journalUnreadable = Code(rawValue: "journalUnreadable")
        /// A file could not be read or written.
        public static let io = Code(rawValue: "io")
        /// The caller passed an unusable option (e.g. zero jobs).
        public static let usage = Code(rawValue: "usage")

        /// Whether the code means one of the inputs (suite, profile, plugin) is invalid.
        public var isInvalidInput: Bool { self == .invalidSuite || self == .invalidProfile || self == .invalidPlugin }
    }

    public var code: Code
    /// What was wrong, where, and what to do.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
