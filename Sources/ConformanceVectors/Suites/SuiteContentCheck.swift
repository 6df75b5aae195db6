import FaceImaging
import Foundation

/// Checks of image content, beyond hashes: what `facecert vectors lint --decode` adds.
public enum SuiteContentCheck {
    /// Decodes every image of a loaded suite (in parallel) and reports:
    /// - an error for an image expected to `enrol` that is not a decodable PNG (a suite defect: no conforming
    ///   matcher could enrol it); images expected to `refuse` or `either` may be undecodable on purpose;
    /// - an error for eye positions outside the decoded image.
    ///
    /// - Parameters:
    ///   - suite: A suite loaded by ``SuiteLoader``.
    ///   - limits: PNG decoding limits (default: FaceImaging's defaults).
    /// - Returns: The findings, in image order.
    /// - Complexity: O(pixels of all images), on all cores.
    public static func diagnostics(for suite: VectorSuite, limits: PNGDecodingLimits = .default)
        -> [SuiteDiagnostic]
    {
        let file = suite.manifestURL.path
        let findings = ParallelMap.map(Array(suite.images.enumerated())) { index, image -> [SuiteDiagnostic] in
            let path = "$.images[\(index)]"
            switch Result(catching: { () throws(FaceImageError) in
                try FaceImage(contentsOfFile: image.url.path, limits: limits)
            }) {
            case .failure(let error):
                guard image.expected == .enrol else { return [] }
                return [
                    SuiteDiagnostic(
                        .error, .invalidValue, file: file, jsonPath: path + ".expected",
                        "image \"\(image.id)\" is expected to enrol but does not decode (\(error.code): "
                            + "\(error.message)); replace the file, or set expected to \"refuse\"")
                ]
            case .success(let decoded):
                guard let eyes = image.eyes else { return [] }
                let inside = [eyes.left, eyes.right].allSatisfy {
                    $0.x >= 0 && $0.y >= 0 && $0.x <= Double(decoded.width) && $0.y <= Double(decoded.height)
                }
                if inside { return [] }
                return [
                    SuiteDiagnostic(
                        .error, .invalidValue, file: file, jsonPath: path + ".eyes",
                        "image \"\(image.id)\": eye positions lie outside the \(decoded.width)×\(decoded.height) "
                            + "image; correct eyes.csv and rebuild")
                ]
            }
        }
        return findings.flatMap { $0 }
    }
}
