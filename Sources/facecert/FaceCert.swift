import ArgumentParser

@main
struct FaceCert: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facecert",
        abstract: "Certify face recognition matchers against published test vectors and threshold profiles.",
        version: FaceCertVersion.current,
        subcommands: [ImageCommand.self, VectorsCommand.self, ProfilesCommand.self]
    )

    func run() async throws {
        print(
            """
            facecert \(FaceCertVersion.current): certifies face recognition matchers against published \
            standards.
            No suite is bundled yet, so there is no default job to run. Available now:
              facecert image inspect FILE...   decode PNG face images and describe them
            Run `facecert --help` for every command.
            """)
    }
}

enum FaceCertVersion {
    static let current = "0.1.0"
}
