import FaceCertTesting
import Foundation
import Testing
import VendorMatcher

/// The vendor's own conformance tests: one more test in `swift test`, failing the day a change breaks a requirement.
struct VendorMatcherConformanceTests {
    /// The suite: a generated pattern suite (not faces), because the toy matcher is not a face recogniser either;
    /// built once per test process. A real face matcher passes a face suite instead:
    /// `FaceCertResources.syntheticFacesSuite`, or a licensed one.
    static let patternSuite = Result { () throws(FaceCertTestingError) in
        try PatternSuite.build(
            at: FileManager.default.temporaryDirectory.appendingPathComponent(
                "vendor-matcher-suite-\(UUID().uuidString)", isDirectory: true),
            subjects: 20, imagesPerSubject: 3, blankImages: 2)
    }

    static func suite() throws -> URL { try patternSuite.get() }

    /// This package's own profiles (`specs/<id>/<version>.json`), found from this file's path.
    static let specs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("specs", isDirectory: true)

    /// A profile published with facecert, found in the facecert package.
    @Test func meetsEveryShallRequirementOfTheDemoProfile() async throws {
        let check = try await expectConformance(
            of: DownsampledCosineMatcher(), suite: try Self.suite(), profile: "facecert-demo")
        #expect(check.verdict == .pass)
    }

    /// The vendor's release gate, kept in this package.
    @Test func meetsOurReleaseGate() async throws {
        try await expectConformance(
            of: DownsampledCosineMatcher(), suite: try Self.suite(), profile: "example-vendor-release-gate",
            specs: Self.specs)
    }

    @Test func passesThePluginValidationChecks() throws {
        try expectValidMatcher(DownsampledCosineMatcher(), facesFrom: try Self.suite())
    }
}
