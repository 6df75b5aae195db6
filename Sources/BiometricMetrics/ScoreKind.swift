/// How to read a comparison score.
///
/// ISO/IEC 19795-1 defines a comparison decision by a threshold on a score; facecert makes the direction explicit
/// and the threshold inclusive in both cases.
public enum ScoreKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Larger is more alike: accept iff `score >= threshold`.
    case similarity
    /// Smaller is more alike: accept iff `score <= threshold`.
    case distance

    /// Whether a comparison with `score` is accepted at `threshold` (inclusive).
    @inlinable
    public func accepts(_ score: Double, threshold: Double) -> Bool {
        switch self {
        case .similarity: score >= threshold
        case .distance: score <= threshold
        }
    }
}
