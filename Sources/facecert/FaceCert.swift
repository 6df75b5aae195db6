import ArgumentParser
import ConformanceRunner

@main
struct FaceCert: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facecert",
        abstract: "Certify face recognition matchers against published test vectors and threshold profiles.",
        version: FaceCertVersion.current,
        subcommands: [
            ImageCommand.self, VectorsCommand.self, ProfilesCommand.self, PluginCommand.self, ScoreCommand.self,
            RunCommand.self, ReportCommand.self,
        ]
    )

    /// The default job: the bundled synthetic suite, the reference LBPH matcher and the demonstration profile.
    func run() async throws {
        try DefaultJob.run()
    }
}
