#if canImport(XCTest)
    import FaceCertTesting
    import XCTest

    /// The XCTest form, run by XCTest (its method names must start with `test`). The failure messages are the same
    /// values the Swift Testing tests check exactly; corelibs XCTest has no `XCTExpectFailure` to check them here.
    final class XCTAssertConformanceTests: XCTestCase {
        func testAConformingMatcherRecordsNoFailure() async throws {
            let suite = try Scratch.suite()
            defer { Scratch.remove(suite) }
            let check = try await XCTAssertConformance(
                of: RasterCosineMatcher(), suite: suite, profile: "facecert-demo")
            defer { Scratch.remove(check.reportDirectory) }
            XCTAssertEqual(check.verdict, .pass)
        }
    }
#endif
