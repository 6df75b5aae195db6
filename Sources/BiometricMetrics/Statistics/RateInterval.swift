/// How a confidence bound was computed. Reports print it beside every bound.
public enum IntervalMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// Clopper–Pearson exact binomial interval (``ClopperPearson``).
    case clopperPearson
    /// The rule of 3: 3 / n, the ≈95 % upper bound with zero errors (``ZeroErrorBound/ruleOfThree(trials:)``).
    case ruleOfThree
    /// −ln(1 − C) / n, the level-specific rule-of-3 multiplier with zero errors
    /// (``ZeroErrorBound/upperBound(trials:confidence:)``).
    case zeroErrorMultiplier
    /// Percentile interval of a subjects bootstrap (``SubjectBootstrap``).
    case subjectsBootstrap
}

/// Whether an interval bounds the rate on both sides or only from above.
public enum IntervalSides: String, Sendable, Hashable, Codable, CaseIterable {
    /// P(lower ≤ p ≤ upper) ≥ C, with (1 − C)/2 in each tail.
    case twoSided
    /// P(p ≤ upper) ≥ C; `lower` is 0.
    case upperOneSided
}

/// A confidence interval for an error rate, labelled with the method and level that produced it.
public struct RateInterval: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Lower bound (0 for one-sided upper bounds).
    public let lower: Double
    /// Upper bound.
    public let upper: Double
    /// Confidence level C in (0, 1).
    public let confidence: Double
    /// Two-sided or one-sided upper.
    public let sides: IntervalSides
    /// The method that produced the bounds.
    public let method: IntervalMethod

    /// Creates an interval (no validation: the producers in this module validate their inputs).
    public init(lower: Double, upper: Double, confidence: Double, sides: IntervalSides, method: IntervalMethod) {
        self.lower = lower
        self.upper = upper
        self.confidence = confidence
        self.sides = sides
        self.method = method
    }

    public var description: String {
        "[\(lower), \(upper)] (\(confidence * 100)% \(sides.rawValue), \(method.rawValue))"
    }

    static func checkConfidence(_ confidence: Double) throws(MetricsError) {
        guard confidence > 0, confidence < 1 else {
            throw MetricsError(
                .invalidParameter, "confidence \(confidence) is outside (0, 1); pass e.g. 0.95 for 95 %")
        }
    }
}
