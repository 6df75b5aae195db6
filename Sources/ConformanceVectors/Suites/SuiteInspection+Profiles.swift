extension SuiteInspection {
    /// Warnings for every minimum sample size of `profile` the suite does not reach (subjects, mated and
    /// non-mated comparisons). A run of such a suite against that profile can only be inconclusive.
    ///
    /// - Parameter profile: The profile the suite is meant for.
    /// - Returns: One warning per minimum not reached; empty when the counts are unknown (the manifest did not
    ///   parse) or all minimums are reached.
    public func sampleSizeWarnings(for profile: ThresholdProfile) -> [SuiteDiagnostic] {
        var result: [SuiteDiagnostic] = []
        let minimums = profile.minimumSampleSizes
        let checks: [(String, Int?, Int?, String)] = [
            ("subjects", subjectCount, minimums.subjects, "$.subjects"),
            ("mated comparisons", matedCount, minimums.matedComparisons, "$.comparisons"),
            ("non-mated comparisons", nonMatedCount, minimums.nonMatedComparisons, "$.comparisons"),
        ]
        for (name, actual, minimum, path) in checks {
            guard let actual, let minimum, actual < minimum else { continue }
            result.append(
                SuiteDiagnostic(
                    .warning, .sampleTooSmall, file: manifestPath, jsonPath: path,
                    "the suite has \(actual) \(name) but profile \(profile.reference) needs at least \(minimum); "
                        + "results against it can only be inconclusive; add data or choose another profile"))
        }
        return result
    }
}
