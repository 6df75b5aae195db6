import ArgumentParser

struct PluginCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin",
        abstract: "Work with matcher plugins.",
        discussion: """
            A matcher is named by one value: a built-in NAME, lib:PATH (a C-ABI shared library, run in a child \
            process), lib-inprocess:PATH (the same, inside facecert), or exec:"COMMAND ARGS" (any program speaking \
            docs/plugin-protocol.md on stdin/stdout).
            """,
        subcommands: [PluginValidateCommand.self])
}
