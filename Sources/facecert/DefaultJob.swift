import ArgumentParser
import ConformanceReports
import ConformanceRunner
import ConformanceVectors
import Foundation

/// `facecert` with no arguments: runs the bundled synthetic suite against the built-in LBPH matcher and the
/// `facecert-demo` profile, writes every report to `./facecert-report` and prints the summary.
///
/// The demonstration profile exists because every published profile needs far more comparisons than 120
/// synthetic images give (NIST SP 800-63B-4 needs 29,956 non-mated ones), so the default job would only ever say
/// "inconclusive"; `facecert-demo` is marked draft and says in its provenance that its limits are illustrative.
enum DefaultJob {
    static let suiteRelativePath = "vectors/synthetic-faces/1.0.0"
    static let profile = "facecert-demo@1.0.0"
    static let matcher = "lbph"
    static let output = "facecert-report"
    /// Fixed so that the default job's report is the same on every machine.
    static let seed: UInt64 = 20_261_129

    static func run() throws {
        let candidates = searchedFolders()
        let manager = FileManager.default
        let suiteFolder = { (root: URL) in root.appendingPathComponent(suiteRelativePath) }
        var suitePath: String
        var imagesPath: String?
        var specsPath: String
        if let root = candidates.first(where: {
            manager.fileExists(atPath: suiteFolder($0).appendingPathComponent("suite.json").path)
        }) {
            suitePath = suiteFolder(root).path
            specsPath = root.appendingPathComponent("specs").path
        } else if let root = candidates.first(where: {
            manager.fileExists(atPath: suiteFolder($0).appendingPathComponent("images/images.csv").path)
        }) {
            // The generator's source tree is committed but not its manifest: build one (images stay where they
            // are), marked draft because it is not the publisher's release.
            let source = suiteFolder(root).appendingPathComponent("images")
            let manifestFolder = URL(fileURLWithPath: output).appendingPathComponent("suite")
            do {
                try? manager.removeItem(at: manifestFolder)
                _ = try SuiteBuilder.build(
                    source: source, output: manifestFolder,
                    options: SuiteBuildOptions(
                        id: "synthetic-faces", version: SemanticVersion(major: 1, minor: 0, patch: 0),
                        title: "facecert synthetic faces (manifest built by the default job)", status: .draft,
                        imageStorage: .external, overwrite: true))
            } catch {
                throw RunJob.fail(65, "cannot build a manifest for \(source.path): \(error)")
            }
            FileHandle.standardError.write(
                Data(
                    ("facecert: \(suiteRelativePath)/suite.json is missing; built a draft manifest from its images/ "
                        + "into \(manifestFolder.path)\n").utf8))
            suitePath = manifestFolder.path
            imagesPath = source.path
            specsPath = root.appendingPathComponent("specs").path
        } else {
            throw RunJob.fail(
                65,
                "the bundled suite \(suiteRelativePath) was not found; looked in "
                    + candidates.map { suiteFolder($0).path }.joined(separator: ", ")
                    + ". Run `facecert` from the facecert checkout, or name a suite: `facecert run --suite DIR "
                    + "--profile ID --matcher lbph`.")
        }
        FileHandle.standardError.write(
            Data(
                ("facecert \(FaceCertVersion.current): default job — suite \(suiteRelativePath), matcher \(matcher), "
                    + "profile \(profile) (illustrative limits; see `facecert profiles show facecert-demo`)\n").utf8))
        let status = try RunJob(
            suitePath: suitePath, imagesPath: imagesPath, profile: profile, specsPath: specsPath,
            matcherSpec: matcher, threshold: nil, outputPath: output, formats: ReportFormat.allCases,
            jobs: RunOptions.defaultJobs, seed: seed, resume: false, overwrite: true, batchSize: 1024
        ).execute()
        if status != 0 { throw ExitCode(status) }
    }

    /// The current folder and its ancestors, then the package root this binary was built from.
    static func searchedFolders() -> [URL] {
        var folders: [URL] = []
        var directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL
        while true {
            folders.append(directory)
            let parent = directory.deletingLastPathComponent().standardizedFileURL
            if parent.path == directory.path { break }
            directory = parent
        }
        // Sources/facecert/DefaultJob.swift → the package root.
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().standardizedFileURL
        if !folders.contains(packageRoot) { folders.append(packageRoot) }
        return folders
    }
}
