/// An error from the metrics module: invalid scores, counts or parameters.
///
/// Every message says what was wrong, where (which score set, which index) and what to do.
public struct MetricsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is. Extensible: new codes may be added in minor releases.
    public struct Code: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A score is NaN or infinite. Record a failed comparison as a failure, not as a score.
        public static let nonFiniteScore = Code(rawValue: "nonFiniteScore")
        /// A count is negative, or errors exceed trials.
        public static let invalidCount = Code(rawValue: "invalidCount")
        /// A parameter (confidence, limit, FMR target, bin count, …) is outside its domain.
        public static let invalidParameter = Code(rawValue: "invalidParameter")
        /// The answer depends on non-mated scores that a ``NonMatedTail`` summarised as a count; use a larger
        /// tail capacity or a stricter threshold.
        public static let inexact = Code(rawValue: "inexact")
        /// The input has no comparisons of a kind the computation needs.
        public static let emptyInput = Code(rawValue: "emptyInput")
    }

    /// What kind of problem this is.
    public var code: Code
    /// What was wrong, where, and what to do.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
