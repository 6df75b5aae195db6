#if canImport(XCTest)
    import ConformanceRunner
    import Foundation
    import MatcherPlugins
    import XCTest

    /// The XCTest form of
    /// ``expectConformance(of:suite:images:profile:specs:threshold:reportDirectory:inconclusiveIsFailure:seed:jobs:sourceLocation:)``:
    /// one `XCTFail` at the caller's line per problem that is a failure, with the same messages. XCTest has no
    /// warnings, so an inconclusive requirement with `inconclusiveIsFailure: false` is only in the returned check.
    ///
    /// - Parameters: As ``expectConformance(of:suite:images:profile:specs:threshold:reportDirectory:inconclusiveIsFailure:seed:jobs:sourceLocation:)``,
    ///   with `file` and `line` in place of `sourceLocation`.
    /// - Returns: The report and its problems.
    /// - Throws: ``FaceCertTestingError`` when the evaluation cannot run at all.
    @discardableResult
    public func XCTAssertConformance(
        of matcher: some FaceMatcher, suite: URL, images: URL? = nil, profile: String, specs: URL? = nil,
        threshold: Double? = nil, reportDirectory: URL? = nil, inconclusiveIsFailure: Bool = true,
        seed: UInt64 = defaultConformanceSeed, jobs: Int = RunOptions.defaultJobs,
        file: StaticString = #filePath, line: UInt = #line
    ) async throws -> ConformanceCheck {
        let check = try await evaluateConformance(
            of: matcher, suite: suite, images: images, profile: profile, specs: specs, threshold: threshold,
            reportDirectory: reportDirectory, inconclusiveIsFailure: inconclusiveIsFailure, seed: seed, jobs: jobs)
        for problem in check.failures { XCTFail(problem.message, file: file, line: line) }
        return check
    }
#endif
