import Foundation

/// Makes a ``HostedMatcher`` from a ``MatcherSpec``, with a table of built-in matchers the caller passes in (no
/// global registry: the CLI passes its built-ins, tests pass theirs).
///
/// | spec | adapter |
/// |---|---|
/// | built-in `NAME` | ``InProcessMatcher`` around the table's matcher |
/// | `lib:PATH` | ``ProcessMatcher`` running `facecert-plugin-host PATH` (found by ``PluginHostLocator``) |
/// | `lib-inprocess:PATH` | ``InProcessMatcher`` around ``SharedLibraryMatcher`` |
/// | `exec:COMMAND` | ``ProcessMatcher`` running `COMMAND` |
public struct MatcherFactory: Sendable {
    /// Makes one built-in matcher; may throw when, e.g., a model file is missing.
    public typealias BuiltIn = @Sendable () throws -> any FaceMatcher

    /// Built-in matchers by name.
    public var builtIns: [String: BuiltIn]
    /// Limits, workers, logs and environment for every adapter made.
    public var configuration: PluginConfiguration

    /// - Parameters:
    ///   - builtIns: Built-in matchers by name, e.g. ``MatcherFactory/plumbingBuiltIns`` plus reference matchers.
    ///   - configuration: Adapter settings.
    public init(builtIns: [String: BuiltIn], configuration: PluginConfiguration = PluginConfiguration()) {
        self.builtIns = builtIns
        self.configuration = configuration
    }

    /// The built-ins of this module: `tiny` (``TinyMatcher``) and `noop` (``NoOpMatcher``).
    public static let plumbingBuiltIns: [String: BuiltIn] = [
        "tiny": { TinyMatcher() },
        "noop": { NoOpMatcher() },
    ]

    /// Parses `text` as a ``MatcherSpec`` and makes the matcher.
    ///
    /// - Throws: ``PluginError``.
    public func make(_ text: String) throws(PluginError) -> any HostedMatcher {
        try make(MatcherSpec(parsing: text))
    }

    /// Makes the matcher a spec names, started and ready (the identity is known).
    ///
    /// - Throws: ``PluginError`` `.unknownBuiltIn` listing the built-ins, `.libraryLoad`, `.spawn`, `.handshake` or
    ///   `.initialisation` with the plugin's own message.
    public func make(_ spec: MatcherSpec) throws(PluginError) -> any HostedMatcher {
        switch spec {
        case .builtIn(let name):
            guard let builtIn = builtIns[name] else {
                let known = builtIns.keys.sorted().joined(separator: ", ")
                throw PluginError(
                    .unknownBuiltIn,
                    "no built-in matcher is called `\(name)` (built-ins: \(known.isEmpty ? "none" : known)); for a "
                        + "plugin say lib:PATH or exec:\"COMMAND\"")
            }
            let matcher: any FaceMatcher
            do {
                matcher = try builtIn()
            } catch {
                throw PluginError(.initialisation, "the built-in matcher `\(name)` could not start: \(error)")
            }
            return try InProcessMatcher(matcher, limits: configuration.limits)
        case .sharedLibrary(let path):
            let library = try Self.existingLibrary(path)
            guard let host = PluginHostLocator.locate(explicit: configuration.hostExecutable) else {
                throw PluginError(
                    .spawn,
                    "cannot find \(PluginHostLocator.executableName), which runs lib: plugins in a child process; "
                        + "looked in: \(PluginHostLocator.candidates(explicit: configuration.hostExecutable).joined(separator: ", ")). "
                        + "Build it (`swift build --product facecert-plugin-host`) and set "
                        + "\(PluginHostLocator.environmentVariable), or use lib-inprocess:\(path) at your own risk")
            }
            return try ProcessMatcher(command: [host, library], configuration: configuration)
        case .sharedLibraryInProcess(let path):
            let library = try SharedLibraryMatcher(path: try Self.existingLibrary(path), workers: configuration.workers)
            return try InProcessMatcher(library, limits: configuration.limits, onClose: { library.close() })
        case .executable(let command):
            return try ProcessMatcher(command: command, configuration: configuration)
        }
    }

    private static func existingLibrary(_ path: String) throws(PluginError) -> String {
        let absolute = ProcessMatcher.absolutiseIfFile(path)
        guard FileManager.default.fileExists(atPath: absolute) else {
            throw PluginError(.libraryLoad, "no shared library at \(path) (relative to \(FileManager.default.currentDirectoryPath))")
        }
        return absolute
    }
}

/// Finds the `facecert-plugin-host` program that runs `lib:` plugins in a child process.
///
/// Search order: the explicit path (``PluginConfiguration/hostExecutable``, `--plugin-host`), the environment
/// variable `FACECERT_PLUGIN_HOST`, the directory of the running executable and up to three of its parents
/// (covers `.build/debug/facecert`, a test bundle in `.build/debug/` and macOS `.xctest` bundles), then `PATH`.
/// A package that uses FaceCertTesting builds the host with `swift build --product facecert-plugin-host` (it lands
/// beside the test bundle) or points `FACECERT_PLUGIN_HOST` at an installed one.
public enum PluginHostLocator {
    /// The program's file name.
    public static let executableName = "facecert-plugin-host"
    /// The environment variable that names the program's path.
    public static let environmentVariable = "FACECERT_PLUGIN_HOST"

    /// The first candidate that is an executable file, or `nil`.
    public static func locate(explicit: String?) -> String? {
        candidates(explicit: explicit).first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Every path searched, in order.
    public static func candidates(explicit: String?) -> [String] {
        var paths: [String] = []
        if let explicit { paths.append(explicit) }
        let environment = ProcessInfo.processInfo.environment
        if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty {
            paths.append(fromEnvironment)
        }
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            var directory = executable.deletingLastPathComponent()
            for _ in 0..<4 {
                paths.append(directory.appendingPathComponent(executableName).path)
                directory = directory.deletingLastPathComponent()
            }
        }
        for directory in (environment["PATH"] ?? "").split(separator: ":") where !directory.isEmpty {
            paths.append("\(directory)/\(executableName)")
        }
        return paths
    }
}
