import ConformanceVectors
import FaceImaging
import Foundation
import MatcherPlugins
import Testing

/// Runs the plugin validation checks of `facecert plugin validate` (MatcherPlugins' `PluginValidator`:
/// determinism, score range and kind, symmetry, odd probes, timing, faults) on a matcher instance and records one
/// Swift Testing issue per failed check (and a warning per warning).
///
/// ```swift
/// @Test func behavesAsAPlugin() throws {
///     try expectValidMatcher(MyMatcher(), facesFrom: FaceCertResources.syntheticFacesSuite)
/// }
/// ```
///
/// - Parameters:
///   - matcher: The matcher; it is wrapped in the CLI's in-process adapter, so its results are checked the same way.
///   - faces: Normal face images of different people, at least two (eight are plenty).
///   - limits: The time and size limits the checks judge against.
///   - sourceLocation: Where the issues point; the caller's line by default.
/// - Returns: The validation report (every finding, including the passes).
/// - Throws: ``FaceCertTestingError`` `.invalidMatcher` when the identity is unusable (empty name, version or vendor,
///   a threshold that is not finite).
/// - Complexity: O(n²) comparisons for n faces, plus 2–3 template creations per probe image.
@discardableResult
public func expectValidMatcher(
    _ matcher: some FaceMatcher, faces: [FaceImage], limits: PluginLimits = .default,
    sourceLocation: SourceLocation = #_sourceLocation
) throws(FaceCertTestingError) -> ValidationReport {
    let report = try validateMatcher(matcher, faces: faces, limits: limits)
    for finding in report.findings where finding.severity != .pass {
        Issue.record(
            Comment(rawValue: validationMessage(finding, identity: report.identity)),
            severity: finding.severity == .failure ? .error : .warning, sourceLocation: sourceLocation)
    }
    return report
}

/// As ``expectValidMatcher(_:faces:limits:sourceLocation:)``, with the faces taken from a suite: the first image of
/// each of the first `count` subjects that the suite expects to enrol.
///
/// - Parameters:
///   - matcher: The matcher.
///   - suite: The suite folder (every image hash is verified).
///   - images: The image root of a suite whose images are not bundled.
///   - count: How many faces (of different subjects) to use.
///   - limits: The time and size limits the checks judge against.
///   - sourceLocation: Where the issues point.
/// - Returns: The validation report.
/// - Throws: ``FaceCertTestingError`` `.invalidSuite` when the suite does not load or has fewer than two such
///   faces, `.invalidMatcher` as above.
@discardableResult
public func expectValidMatcher(
    _ matcher: some FaceMatcher, facesFrom suite: URL, images: URL? = nil, count: Int = 8,
    limits: PluginLimits = .default, sourceLocation: SourceLocation = #_sourceLocation
) throws(FaceCertTestingError) -> ValidationReport {
    try expectValidMatcher(
        matcher, faces: try suiteFaces(suite, images: images, count: count), limits: limits,
        sourceLocation: sourceLocation)
}

/// Runs the plugin validation checks without recording anything.
///
/// - Parameters:
///   - matcher: The matcher.
///   - faces: Normal face images of different people, at least two.
///   - limits: The limits the checks judge against.
/// - Returns: Every finding.
/// - Throws: ``FaceCertTestingError`` `.invalidMatcher` when the identity is unusable.
public func validateMatcher(_ matcher: some FaceMatcher, faces: [FaceImage], limits: PluginLimits = .default)
    throws(FaceCertTestingError) -> ValidationReport
{
    let hosted: InProcessMatcher
    do {
        hosted = try InProcessMatcher(matcher, limits: limits)
    } catch {
        throw FaceCertTestingError(.invalidMatcher, "the matcher \(type(of: matcher)) cannot be run: \(error.message)")
    }
    defer { hosted.close() }
    return PluginValidator(limits: limits).validate(hosted, faces: faces)
}

/// The message of one validation finding: `Plugin check CHECK fails: MESSAGE (matcher NAME VERSION)`.
func validationMessage(_ finding: ValidationFinding, identity: MatcherIdentity) -> String {
    let verb = finding.severity == .failure ? "fails" : "warns"
    return "Plugin check \(finding.check) \(verb): \(finding.message) (matcher \(identity.name) \(identity.version))"
}

/// The first image of each of the first `count` subjects that the suite expects to enrol, decoded.
func suiteFaces(_ suite: URL, images: URL?, count: Int) throws(FaceCertTestingError) -> [FaceImage] {
    let loaded: VectorSuite
    do {
        loaded = try SuiteLoader.load(suite, options: SuiteLoadOptions(imageRoot: images))
    } catch {
        throw FaceCertTestingError(.invalidSuite, "invalid suite \(suite.path): \(error.message)")
    }
    var seen = Set<Int>()
    var faces: [FaceImage] = []
    for image in loaded.images where faces.count < count && image.expected == .enrol {
        guard let subject = image.subjectIndex, seen.insert(subject).inserted else { continue }
        do {
            faces.append(try FaceImage(contentsOfFile: image.url.path))
        } catch {
            throw FaceCertTestingError(.invalidSuite, "image \(image.id) of \(suite.path) does not decode: \(error)")
        }
    }
    guard faces.count >= 2 else {
        throw FaceCertTestingError(
            .invalidSuite,
            "\(suite.path) has \(faces.count) subject(s) with an image expected to enrol; validation needs two")
    }
    return faces
}
