import ArgumentParser
import FaceImaging
import Foundation
import MatcherPlugins

struct PluginValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a matcher plugin against probe images before a certification run.",
        discussion: """
            Sends normal faces, a blank image, noise, a 4x4 image, a rotated face and a large face; checks \
            determinism, symmetry where declared, score range and kind, distinct templates, distinct scores and \
            timing against the limits, and lists every crash, hang or protocol violation. Prints a findings table. \
            Exit status 0 when nothing fails, 1 when a check fails, 2 when the matcher cannot be started or no faces \
            are found.
            """)

    static let defaultFaces = "vectors/synthetic-faces/1.0.0"

    @Option(help: "The matcher: NAME, lib:PATH, lib-inprocess:PATH or exec:\"COMMAND ARGS\".")
    var matcher: String

    @Option(help: "A directory of PNG faces (searched recursively). Default: \(defaultFaces) when it exists.")
    var faces: String?

    @Option(help: "How many faces to use, spread over the sorted files.")
    var maxFaces = 8

    @Option(help: "Worker processes (or library instances) serving calls concurrently.")
    var workers = 2

    @Option(help: "Time limit of one template creation, in seconds.")
    var templateTimeLimit = 10.0

    @Option(help: "Time limit of one comparison, in seconds.")
    var comparisonTimeLimit = 1.0

    @Option(help: "Append the plugin's stderr to this file (default: a new file in the temporary directory).")
    var stderrLog: String?

    @Option(help: "The facecert-plugin-host program for lib: plugins (default: beside facecert, then PATH).")
    var pluginHost: String?

    @Flag(help: "Print the report as JSON instead of a table.")
    var json = false

    func run() throws {
        let faceImages = try loadFaces()
        let limits = PluginLimits(
            templateTime: .milliseconds(Int64(templateTimeLimit * 1000)),
            comparisonTime: .milliseconds(Int64(comparisonTimeLimit * 1000)))
        let configuration = PluginConfiguration(
            limits: limits, workers: workers, stderrLogPath: stderrLog, hostExecutable: pluginHost)
        let hosted: any HostedMatcher
        do {
            hosted = try MatcherFactory(builtIns: BuiltInMatchers.table, configuration: configuration).make(matcher)
        } catch {
            printError("facecert plugin validate: \(error)")
            throw ExitCode(2)
        }
        let report = PluginValidator(limits: limits).validate(hosted, faces: faceImages)
        hosted.close()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.table())
            if let log = hosted.stderrLogPath, FileManager.default.fileExists(atPath: log) {
                print("plugin stderr: \(log)")
            }
        }
        if !report.passed { throw ExitCode(1) }
    }

    private func loadFaces() throws -> [FaceImage] {
        let directory = faces ?? Self.defaultFaces
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            printError(
                faces == nil
                    ? "facecert plugin validate: no faces: the bundled suite \(Self.defaultFaces) is not here; pass --faces DIR"
                    : "facecert plugin validate: --faces \(directory) is not a directory")
            throw ExitCode(2)
        }
        let files = (FileManager.default.enumerator(atPath: directory)?.allObjects as? [String] ?? [])
            .filter { $0.lowercased().hasSuffix(".png") }.sorted()
        guard files.count >= 2 else {
            printError("facecert plugin validate: \(directory) holds \(files.count) PNG files; at least 2 faces are needed")
            throw ExitCode(2)
        }
        let count = min(max(2, maxFaces), files.count)
        let chosen = (0..<count).map { files[$0 * files.count / count] }
        return try chosen.map { file in
            do {
                return try FaceImage(contentsOfFile: (directory as NSString).appendingPathComponent(file))
            } catch {
                printError("facecert plugin validate: \(error)")
                throw ExitCode(2)
            }
        }
    }

    private func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
