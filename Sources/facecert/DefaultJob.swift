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
        guard
            let root = candidates.first(where: {
                manager.fileExists(atPath: suiteFolder($0).appendingPathComponent("suite.json").path)
            })
        else {
            throw RunJob.fail(
                65,
                "the bundled suite \(suiteRelativePath) was not found; looked in "
                    + candidates.map { suiteFolder($0).path }.joined(separator: ", ")
                    + ". Run `facecert` from the facecert checkout, or name a suite: `facecert run --suite DIR "
                    + "--profile ID --matcher lbph`.")
        }
        let suitePath = suiteFolder(root).path
        let imagesPath: String? = nil
        let specsPath = root.appendingPathComponent("specs").path
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
