import FaceImaging
import Foundation
import Testing

/// Finds `../shared/faces` beside the package root; tests that need it skip with a message, or fail when CI=true.
enum SharedFaces {
    /// The faces directory, or `nil` when it is missing.
    static let directory: String? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = root.deletingLastPathComponent().appendingPathComponent("shared/faces").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Whether the shared faces are present; records a failure under CI when they are not.
    static func available(sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        if directory != nil { return true }
        if isCI {
            Issue.record(
                "../shared/faces is missing beside the package root; CI needs it for the ORL and London checks",
                sourceLocation: sourceLocation)
        } else {
            print("note: ../shared/faces is missing beside the package root; skipping the real-face checks")
        }
        return false
    }

    /// The 400 ORL images, subject-major: (subject 1…40, image).
    static func orl() throws -> [(subject: Int, image: FaceImage)] {
        let directory = try #require(directory)
        var items = [(subject: Int, image: FaceImage)]()
        for subject in 1...40 {
            for index in 1...10 {
                let path = directory + "/orl/s" + twoDigits(subject) + "/" + twoDigits(index) + ".png"
                items.append((subject, try FaceImage(contentsOfFile: path, as: .gray8)))
            }
        }
        return items
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

/// min over thresholds t of max(FMR(t), FNMR(t)) for distance scores accepted at score ≤ t: the conservative
/// reading of the equal error rate (never below the crossing point).
func conservativeEqualErrorRate(genuine: [Double], impostor: [Double]) -> Double {
    let genuine = genuine.sorted(), impostor = impostor.sorted()
    var best = 1.0
    var g = 0, i = 0
    // Candidate thresholds: every score (accepting up to and including it) and "accept nothing".
    var candidates = genuine + impostor
    candidates.sort()
    best = min(best, 1.0)  // t below every score: FMR 0, FNMR 1.
    for threshold in candidates {
        while g < genuine.count && genuine[g] <= threshold { g += 1 }
        while i < impostor.count && impostor[i] <= threshold { i += 1 }
        let fmr = Double(i) / Double(impostor.count)
        let fnmr = Double(genuine.count - g) / Double(genuine.count)
        best = min(best, max(fmr, fnmr))
    }
    return best
}
