import ArgumentParser
import ConformanceVectors
import Foundation

struct VectorsBuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build a suite from a folder SRC/SUBJECT/IMAGE.png, then lint it.",
        discussion: """
            Optional inputs in SRC: subjects.csv (first column subject id, others attributes), eyes.csv \
            (image,left_eye_x,left_eye_y,right_eye_x,right_eye_y), images.csv (image[,role][,expected][,subject]), \
            and _unlabelled/ for images of nobody (expected "refuse", no comparisons). See \
            docs/vectors-format.md. Example (London, neutral = enrolment, smiling = verification):
              facecert vectors build ../shared/faces/london --id london-neutral-smiling --version 1.0.0 \\
                --out vectors/london-neutral-smiling/1.0.0 --images-external \\
                --enrolment-glob '*_03.png' --verification-glob '*_08.png'
            """)

    @Argument(help: "The source folder.")
    var source: String

    @Option(help: "Suite id (lowercase letters, digits, '.', '_', '-').")
    var id: String

    @Option(help: "Semantic version of this release, e.g. 1.0.0.")
    var version: String

    @Option(help: "The suite directory to write (by convention vectors/<id>/<version>).")
    var out: String

    @Option(help: "Title (default: the id).")
    var title: String?

    @Option(help: "Publisher.")
    var publisher: String?

    @Option(help: "Licence (SPDX id or short text).")
    var licence: String?

    @Option(help: "Status: draft, published or withdrawn.")
    var status: String = "draft"

    @Option(help: "Description.")
    var description: String?

    @Flag(help: "Write only the manifest and hashes; each lab brings the images with --images DIR.")
    var imagesExternal = false

    @Option(help: "Pairing: cross-role or unordered (default: unordered when every image has role both).")
    var pairing: String?

    @Option(help: "Mated comparisons: all or none.")
    var mated: String = "all"

    @Option(help: "Non-mated comparisons: all, none, or sample:N (with --seed).")
    var nonMated: String = "all"

    @Option(help: "Seed of a non-mated sample (0 ... 2^53 - 1).")
    var seed: UInt64 = 0

    @Option(help: "fnmatch pattern of enrolment images (matched on the file name, or on the path if it has '/').")
    var enrolmentGlob: String?

    @Option(help: "fnmatch pattern of verification images.")
    var verificationGlob: String?

    @Option(help: "CSV verification,enrolment[,mated] of image ids: list comparisons explicitly instead.")
    var comparisons: String?

    @Flag(help: "Keep subjects.csv columns only; do not add the well-known sex/ageBand/ethnicity keys.")
    var rawAttributes = false

    @Flag(help: "Replace an existing suite.json in --out.")
    var force = false

    func run() throws {
        guard let semver = SemanticVersion(version) else {
            throw ValidationError("--version \(version) is not a semantic version such as 1.0.0")
        }
        guard let suiteStatus = SuiteStatus(rawValue: status) else {
            throw ValidationError("--status must be draft, published or withdrawn")
        }
        var pairingValue: ComparisonPlan.Pairing?
        switch pairing {
        case nil: pairingValue = nil
        case "cross-role"?, "crossRole"?: pairingValue = .crossRole
        case "unordered"?: pairingValue = .unordered
        default: throw ValidationError("--pairing must be cross-role or unordered")
        }
        guard mated == "all" || mated == "none" else { throw ValidationError("--mated must be all or none") }
        let selection: ComparisonPlan.NonMatedSelection
        if nonMated == "all" {
            selection = .all
        } else if nonMated == "none" {
            selection = .none
        } else if nonMated.hasPrefix("sample:"), let count = Int(nonMated.dropFirst(7)), count > 0 {
            selection = .sample(count: count, seed: seed)
        } else {
            throw ValidationError("--non-mated must be all, none or sample:N")
        }
        let options = SuiteBuildOptions(
            id: id, version: semver, title: title, publisher: publisher, licence: licence, status: suiteStatus,
            description: description, imageStorage: imagesExternal ? .external : .bundled, pairing: pairingValue,
            includeMated: mated == "all", nonMated: selection, enrolmentGlob: enrolmentGlob,
            verificationGlob: verificationGlob, explicitComparisons: comparisons.map(VectorsCLI.url),
            normaliseAttributes: !rawAttributes, overwrite: force)
        let result: SuiteBuildResult
        do {
            result = try SuiteBuilder.build(
                source: VectorsCLI.url(source), output: VectorsCLI.url(out), options: options)
        } catch {
            throw VectorsCLI.fail(error)
        }
        for note in result.notes { print("note: \(note)") }
        print("wrote \(result.manifestURL.path)")
        var loadOptions = SuiteLoadOptions()
        if imagesExternal { loadOptions.imageRoot = VectorsCLI.url(source) }
        let inspection = SuiteLoader.inspect(result.manifestURL, options: loadOptions)
        for diagnostic in inspection.diagnostics { print(diagnostic) }
        print(
            "suite \(id)@\(semver): \(inspection.subjectCount ?? 0) subjects, \(inspection.imageCount ?? 0) images, "
                + "\(inspection.matedCount ?? 0) mated + \(inspection.nonMatedCount ?? 0) non-mated comparisons")
        if let digest = inspection.digest { print("digest \(digest)") }
        if inspection.hasErrors { throw ExitCode(65) }
    }
}
