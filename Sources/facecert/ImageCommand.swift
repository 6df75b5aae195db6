import ArgumentParser

struct ImageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image", abstract: "Work with face images.", subcommands: [ImageInspectCommand.self])
}
