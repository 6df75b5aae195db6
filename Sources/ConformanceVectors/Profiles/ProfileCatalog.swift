import Foundation

/// A reference to a profile: `ID` (the newest version that is not withdrawn) or `ID@VERSION` (exactly that one).
public struct ProfileReference: Sendable, Hashable, CustomStringConvertible {
    public var id: String
    public var version: SemanticVersion?

    public init(id: String, version: SemanticVersion? = nil) {
        self.id = id
        self.version = version
    }

    /// Parses `ID` or `ID@VERSION`.
    ///
    /// - Throws: ``VectorsError`` with ``VectorsError/Code/invalidValue`` or ``VectorsError/Code/invalidVersion``.
    public init(parsing text: String) throws(VectorsError) {
        let parts = text.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        let id = String(parts[0])
        guard Identifiers.isValid(id) else {
            throw VectorsError(
                .invalidValue,
                "\"\(text)\" is not a profile reference; write ID or ID@VERSION (e.g. "
                    + "nist-sp800-63b-4@1.0.0); `facecert profiles list` shows them")
        }
        self.id = id
        if parts.count == 2 {
            guard let version = SemanticVersion(String(parts[1])) else {
                throw VectorsError(.invalidVersion, "\"\(parts[1])\" in \"\(text)\" is not a semantic version")
            }
            self.version = version
        }
    }

    public var description: String { version.map { "\(id)@\($0)" } ?? id }
}

/// The threshold profiles in a `specs/` directory (`specs/<id>/<version>.json`).
///
/// Lookup order of ``locate(specsDirectory:startingAt:environment:)``:
/// 1. an explicit directory (the CLI's `--specs DIR`);
/// 2. the `FACECERT_SPECS` environment variable;
/// 3. `specs/` in the starting directory (the current directory by default) or the nearest ancestor that has one.
public struct ProfileCatalog: Sendable {
    /// The `specs` directory.
    public let specsDirectory: URL

    /// One profile file found in the catalog.
    public struct Entry: Sendable, Hashable {
        public let id: String
        public let version: SemanticVersion
        public let fileURL: URL
    }

    public init(specsDirectory: URL) { self.specsDirectory = specsDirectory.standardizedFileURL }

    /// Finds the `specs` directory (see the type's lookup order).
    ///
    /// - Throws: ``VectorsError`` with ``VectorsError/Code/profileNotFound`` naming where it looked.
    public static func locate(
        specsDirectory: URL? = nil,
        startingAt start: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(VectorsError) -> ProfileCatalog {
        func isDirectory(_ url: URL) -> Bool {
            var flag: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &flag) && flag.boolValue
        }
        if let specsDirectory {
            guard isDirectory(specsDirectory) else {
                throw VectorsError(.profileNotFound, "--specs \(specsDirectory.path) is not a directory")
            }
            return ProfileCatalog(specsDirectory: specsDirectory)
        }
        if let fromEnvironment = environment["FACECERT_SPECS"], !fromEnvironment.isEmpty {
            let url = URL(fileURLWithPath: fromEnvironment)
            guard isDirectory(url) else {
                throw VectorsError(.profileNotFound, "FACECERT_SPECS=\(fromEnvironment) is not a directory")
            }
            return ProfileCatalog(specsDirectory: url)
        }
        var directory = start.standardizedFileURL
        while true {
            let candidate = directory.appendingPathComponent("specs")
            if isDirectory(candidate) { return ProfileCatalog(specsDirectory: candidate) }
            let parent = directory.deletingLastPathComponent().standardizedFileURL
            if parent.path == directory.path { break }
            directory = parent
        }
        throw VectorsError(
            .profileNotFound,
            "no specs/ directory in \(start.path) or any folder above it; run from the facecert "
                + "checkout, pass --specs DIR, or set FACECERT_SPECS")
    }

    /// Every `<id>/<version>.json` file, sorted by id then version.
    ///
    /// - Throws: ``VectorsError`` with ``VectorsError/Code/io`` when the directory cannot be listed.
    public func entries() throws(VectorsError) -> [Entry] {
        let manager = FileManager.default
        let ids: [String]
        do { ids = try manager.contentsOfDirectory(atPath: specsDirectory.path) } catch {
            throw VectorsError(.io, "cannot list \(specsDirectory.path): \(error.localizedDescription)")
        }
        var result: [Entry] = []
        for id in ids where Identifiers.isValid(id) {
            let folder = specsDirectory.appendingPathComponent(id)
            guard let files = try? manager.contentsOfDirectory(atPath: folder.path) else { continue }
            for name in files where name.hasSuffix(".json") {
                if let version = SemanticVersion(String(name.dropLast(5))) {
                    result.append(Entry(id: id, version: version, fileURL: folder.appendingPathComponent(name)))
                }
            }
        }
        return result.sorted { ($0.id, $0.version) < ($1.id, $1.version) }
    }

    /// Every profile, loaded; files that fail to load are returned as errors beside the loaded ones.
    public func loadAll() throws(VectorsError) -> (profiles: [ThresholdProfile], errors: [VectorsError]) {
        var profiles: [ThresholdProfile] = []
        var errors: [VectorsError] = []
        for entry in try entries() {
            do { profiles.append(try ThresholdProfile.load(from: entry.fileURL)) } catch { errors.append(error) }
        }
        return (profiles, errors)
    }

    /// Resolves a reference: `ID@VERSION` exactly; `ID` to its highest version (semver precedence) whose status
    /// is not withdrawn.
    ///
    /// - Throws: ``VectorsError`` with ``VectorsError/Code/profileNotFound`` listing what exists, or the error
    ///   of loading the file.
    public func profile(_ reference: ProfileReference) throws(VectorsError) -> ThresholdProfile {
        let candidates = try entries().filter { $0.id == reference.id }
        guard !candidates.isEmpty else {
            let known = Set(try entries().map(\.id)).sorted().joined(separator: ", ")
            throw VectorsError(
                .profileNotFound, "no profile \"\(reference.id)\" in \(specsDirectory.path); known: \(known)")
        }
        if let version = reference.version {
            guard let entry = candidates.first(where: { $0.version == version }) else {
                throw VectorsError(
                    .profileNotFound,
                    "\(reference.id) has no version \(version); available: "
                        + candidates.map(\.version.description).joined(separator: ", "))
            }
            return try ThresholdProfile.load(from: entry.fileURL)
        }
        for entry in candidates.reversed() {
            let profile = try ThresholdProfile.load(from: entry.fileURL)
            if profile.status != .withdrawn { return profile }
        }
        throw VectorsError(
            .profileNotFound, "every version of \(reference.id) is withdrawn; name one explicitly (ID@VERSION)")
    }

    /// Resolves `ID`, `ID@VERSION`, or a path to a profile file (anything ending in `.json`).
    ///
    /// - Throws: As ``profile(_:)-(ProfileReference)``.
    public func profile(_ text: String) throws(VectorsError) -> ThresholdProfile {
        if text.hasSuffix(".json") { return try ThresholdProfile.load(from: URL(fileURLWithPath: text)) }
        return try profile(try ProfileReference(parsing: text))
    }
}
