import BiometricMetrics
import ConformanceVectors
import Crypto
import FaceImaging
import Foundation

extension ComparisonSequence: ComparisonSource {
    public func comparison(at index: Int) -> Comparison { self[index] }
}

extension EvaluationPlan {
    /// The plan of running a verified suite against a profile.
    ///
    /// Each image is re-hashed when the runner loads it for the matcher (the suite loader verified every hash
    /// before, but a file may change between the check and its use), so the matcher only ever sees the published
    /// bytes.
    ///
    /// - Parameters:
    ///   - suite: A suite from ``ConformanceVectors/SuiteLoader/load(_:options:)`` (every hash verified).
    ///   - profile: The profile, from a ``ConformanceVectors/ProfileCatalog``.
    public init(suite: VectorSuite, profile: ThresholdProfile) {
        let images = suite.images.map { image in
            PlanImage(
                id: image.id, subject: image.subjectIndex,
                captureRole: image.role == .verification ? .verification : .enrolment, expected: image.expected,
                eyes: image.eyes)
        }
        var notes: [String] = []
        if suite.status != .published {
            notes.append("The suite \(suite.reference) is \(suite.status.rawValue.uppercased()).")
        }
        var targets: [Double] = []
        for requirement in profile.requirements {
            if case .fmrTarget(let target) = requirement.operatingPoint { targets.append(target) }
        }
        for reported in profile.reported {
            if case .fmrTarget(let target) = reported.operatingPoint { targets.append(target) }
        }
        let source = profile.source
        let sourceText = [source.document, source.clause, source.url, source.doi.map { "doi:\($0)" }]
            .compactMap { $0 }.joined(separator: ", ")
        let suiteImages = suite.images
        self.init(
            suite: ConformanceReport.SuiteInfo(
                id: suite.id, version: suite.version.description, title: suite.title, status: suite.status.rawValue,
                digest: suite.digest.hex, subjects: suite.subjects.count, images: suite.images.count),
            profile: ConformanceReport.ProfileInfo(
                id: profile.id, version: profile.version.description, title: profile.title,
                status: profile.status.rawValue, source: sourceText),
            images: images, subjectCount: suite.subjects.count, comparisons: suite.comparisons,
            requirements: profile.requirements.map(PlanRequirement.init),
            targetFMR: targets.first, minimums: profile.minimumSampleSizes,
            timeLimits: profile.timeLimits ?? TimeLimits(), extraFMRTargets: targets, notes: notes,
            imageLoader: { index throws(ImageLoadError) in
                try Self.loadVerified(suiteImages[index], index: index)
            })
    }

    /// Reads an image file, checks its SHA-256 against the manifest and decodes it.
    static func loadVerified(_ image: SuiteImage, index: Int) throws(ImageLoadError) -> FaceImage {
        let data: Data
        do {
            data = try Data(contentsOf: image.url)
        } catch {
            throw ImageLoadError(imageIndex: index, message: "cannot read \(image.url.path): \(error.localizedDescription)")
        }
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        guard digest == image.sha256.lowercased() else {
            throw ImageLoadError(
                imageIndex: index,
                message: "\(image.url.path) changed after the suite was verified (SHA-256 \(digest), manifest "
                    + "\(image.sha256)); restore the published file")
        }
        do {
            return try FaceImage(pngData: data, fileName: image.path)
        } catch {
            throw ImageLoadError(imageIndex: index, message: "\(image.path) does not decode: \(error.message)")
        }
    }
}
