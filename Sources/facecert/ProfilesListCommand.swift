import ArgumentParser
import ConformanceVectors
import Foundation

struct ProfilesListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List every profile version with its status and title.",
        discussion: "Exit status 0, or 65 when a profile file does not load (each is named on standard error).")

    @Option(help: "The specs directory.")
    var specs: String?

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let loaded: (profiles: [ThresholdProfile], errors: [VectorsError])
        do {
            loaded = try ProfileCatalog.locate(specsDirectory: specs.map(VectorsCLI.url)).loadAll()
        } catch {
            throw VectorsCLI.fail(error)
        }
        if json {
            let rows: [[String: Any]] = loaded.profiles.map {
                [
                    "id": $0.id, "version": $0.version.description, "status": $0.status.rawValue, "title": $0.title,
                    "reportingOnly": $0.reportingOnly, "file": $0.fileURL.path,
                ]
            }
            print(try VectorsCLI.jsonLine(rows, pretty: true))
        } else {
            let width = max(20, loaded.profiles.map { $0.reference.count }.max() ?? 0)
            for profile in loaded.profiles {
                let reference = profile.reference.padding(toLength: width, withPad: " ", startingAt: 0)
                let status = profile.status.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
                print("\(reference)  \(status)  \(profile.title)\(profile.reportingOnly ? " (reporting only)" : "")")
            }
        }
        for error in loaded.errors { VectorsCLI.printError("error: \(error)") }
        if !loaded.errors.isEmpty { throw ExitCode(65) }
    }
}
