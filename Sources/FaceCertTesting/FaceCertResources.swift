import ConformanceVectors
import Foundation

/// Where the facecert package's own files are: its `specs/` (threshold profiles) and `vectors/` (bundled suites).
///
/// A vendor's package does not contain facecert's `specs/`, so the helpers find them from the facecert package
/// itself, through the `#filePath` of this source file: `Sources/FaceCertTesting/FaceCertResources.swift` →
/// the package root. This works whenever the facecert sources are on disk where they were compiled, which is the
/// case for every SwiftPM dependency:
/// - by path (`.package(path: "../facecert")`): the path itself;
/// - from a remote clone (`.package(url: …)`): SwiftPM clones the whole repository into `.build/checkouts/facecert`
///   (no sparse checkout) and compiles from there, so `specs/` and `vectors/` sit beside `Sources/`.
///
/// It does not work when the test binary is moved to another machine than the one that built it, or when the
/// build remaps source paths (`-file-prefix-map`); pass `specs:` or set `FACECERT_SPECS` then. Resources bundled
/// with `Bundle.module` were considered and rejected: SwiftPM only bundles files inside the target's folder, so
/// `specs/` would have to be copied (two copies of every profile that can drift apart), and Linux's
/// `Bundle.module` resolves beside the executable, which breaks the same moved-binary case anyway.
public enum FaceCertResources {
    /// The facecert package root, from this file's `#filePath`.
    public static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().standardizedFileURL
    }

    /// facecert's `specs/` folder of threshold profiles (`specs/<id>/<version>.json`).
    public static var specsDirectory: URL { packageRoot.appendingPathComponent("specs", isDirectory: true) }

    /// The folder of a suite bundled with facecert: `vectors/<id>/<version>` (it may not exist).
    ///
    /// - Parameters:
    ///   - id: The suite id, e.g. `synthetic-faces`.
    ///   - version: Its version, e.g. `1.0.0`.
    /// - Returns: The folder that holds the suite's `suite.json`.
    public static func bundledSuite(_ id: String, version: String) -> URL {
        packageRoot.appendingPathComponent("vectors", isDirectory: true).appendingPathComponent(id, isDirectory: true)
            .appendingPathComponent(version, isDirectory: true)
    }

    /// The synthetic face suite the default job (`swift run facecert`) uses: `vectors/synthetic-faces/1.0.0`.
    public static var syntheticFacesSuite: URL { bundledSuite("synthetic-faces", version: "1.0.0") }

    /// The profile catalog the helpers use.
    ///
    /// Lookup order: `specs` when given; else the `FACECERT_SPECS` environment variable; else facecert's own
    /// ``specsDirectory``.
    ///
    /// - Parameter specs: An explicit `specs/` folder (e.g. a vendor's own draft profiles).
    /// - Throws: ``FaceCertTestingError`` `.profileNotFound` naming the folder that is missing.
    public static func profileCatalog(specs: URL? = nil) throws(FaceCertTestingError) -> ProfileCatalog {
        do {
            return try ProfileCatalog.locate(specsDirectory: specs, startingAt: packageRoot)
        } catch {
            throw FaceCertTestingError(
                .profileNotFound,
                "no profiles found: \(error.message). facecert looked for its specs/ at \(specsDirectory.path) "
                    + "(from the #filePath of FaceCertTesting); pass specs: or set FACECERT_SPECS")
        }
    }
}
