import ArgumentParser

struct ProfilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profiles",
        abstract: "List and show threshold profiles (specs/<id>/<version>.json).",
        discussion: """
            Profiles are looked up in --specs DIR, else $FACECERT_SPECS, else specs/ in the current directory or \
            the nearest folder above it that has one. A reference is ID (the newest version that is not \
            withdrawn) or ID@VERSION.
            """,
        subcommands: [ProfilesListCommand.self, ProfilesShowCommand.self])
}
