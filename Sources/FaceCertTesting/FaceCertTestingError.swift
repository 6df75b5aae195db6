/// Why a FaceCertTesting helper could not run an evaluation at all (as opposed to a matcher failing one, which is
/// recorded as test issues).
public struct FaceCertTestingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong; extensible.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The suite folder does not hold a valid, verified suite.
        public static let invalidSuite = Code(rawValue: "invalidSuite")
        /// The profile id, version or file was not found.
        public static let profileNotFound = Code(rawValue: "profileNotFound")
        /// The profile file does not load.
        public static let invalidProfile = Code(rawValue: "invalidProfile")
        /// The matcher's identity is unusable (empty name, version or vendor; a threshold that is not finite).
        public static let invalidMatcher = Code(rawValue: "invalidMatcher")
        /// The runner refused the run (see the message: journal, options).
        public static let runFailed = Code(rawValue: "runFailed")
        /// The report files could not be written.
        public static let reportNotWritten = Code(rawValue: "reportNotWritten")
        /// The inputs of a helper are unusable (e.g. too few faces for validation).
        public static let invalidArgument = Code(rawValue: "invalidArgument")
    }

    /// What kind of error.
    public var code: Code
    /// What went wrong, where, and what to do.
    public var message: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: What kind of error.
    ///   - message: What went wrong, where, and what to do.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
