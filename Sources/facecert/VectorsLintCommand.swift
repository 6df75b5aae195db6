import ArgumentParser
import ConformanceVectors
import Foundation

struct VectorsLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check a suite: every field, path, reference and image hash; warn about what it cannot show.",
        discussion: """
            Prints one line per finding, `FILE JSONPATH: error|warning CODE: MESSAGE`, then a summary with the \
            counts and the suite digest. Exit status 0 when there is no error (warnings allowed), 65 otherwise.
            """)

    @Argument(help: "The suite directory (or its suite.json).")
    var suite: String

    @Option(help: "Image root, for suites that store their images externally (or to override images/).")
    var images: String?

    @Option(
        name: .customLong("profile"),
        help: "Warn when the suite is too small for this profile (ID[@VERSION]); repeatable.")
    var profiles: [String] = []

    @Option(help: "The specs directory profiles are looked up in (default: FACECERT_SPECS, then specs/ here or above).")
    var specs: String?

    @Flag(help: "Also decode every image: an image expected to enrol must decode, eyes must lie inside the image.")
    var decode = false

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        var options = SuiteLoadOptions()
        options.imageRoot = images.map(VectorsCLI.url)
        var inspection = SuiteLoader.inspect(VectorsCLI.url(suite), options: options)
        if decode, let loaded = inspection.suite {
            inspection.diagnostics = SuiteContentCheck.diagnostics(for: loaded) + inspection.diagnostics
        }
        if !profiles.isEmpty {
            do {
                let catalog = try ProfileCatalog.locate(specsDirectory: specs.map(VectorsCLI.url))
                for reference in profiles {
                    inspection.diagnostics += inspection.sampleSizeWarnings(for: try catalog.profile(reference))
                }
            } catch {
                throw VectorsCLI.fail(error)
            }
        }
        if json {
            var object: [String: Any] = [
                "manifest": inspection.manifestPath,
                "errors": inspection.errors.count,
                "warnings": inspection.warnings.count,
                "imagesVerified": inspection.imagesVerified,
                "diagnostics": inspection.diagnostics.map { diagnostic -> [String: Any] in
                    var entry: [String: Any] = [
                        "severity": diagnostic.severity.rawValue, "code": diagnostic.code.rawValue,
                        "file": diagnostic.file, "message": diagnostic.message,
                    ]
                    if let path = diagnostic.jsonPath { entry["jsonPath"] = path }
                    return entry
                },
            ]
            if let manifest = inspection.manifest { object["suite"] = "\(manifest.id)@\(manifest.version)" }
            if let value = inspection.subjectCount { object["subjects"] = value }
            if let value = inspection.imageCount { object["images"] = value }
            if let value = inspection.matedCount { object["matedComparisons"] = value }
            if let value = inspection.nonMatedCount { object["nonMatedComparisons"] = value }
            if let digest = inspection.digest { object["digest"] = digest.description }
            print(try VectorsCLI.jsonLine(object, pretty: true))
        } else {
            for diagnostic in inspection.diagnostics { print(diagnostic) }
            if let manifest = inspection.manifest {
                var line = "suite \(manifest.id)@\(manifest.version):"
                if let subjects = inspection.subjectCount, let images = inspection.imageCount {
                    line += " \(subjects) subjects, \(images) images"
                }
                if let mated = inspection.matedCount, let nonMated = inspection.nonMatedCount {
                    line += ", \(mated) mated + \(nonMated) non-mated comparisons"
                }
                print(line)
            }
            if let digest = inspection.digest { print("digest \(digest)") }
            print("\(inspection.errors.count) error(s), \(inspection.warnings.count) warning(s)")
        }
        if inspection.hasErrors { throw ExitCode(65) }
    }
}
