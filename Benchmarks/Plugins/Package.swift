// swift-tools-version:6.1
import PackageDescription

// Per-comparison overhead of each matcher plugin adapter against a no-op in-process matcher, in one run.
// Run from this directory: swift run -c release plugin-overhead
let package = Package(
    name: "PluginBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "facecert", path: "../../")],
    targets: [
        .executableTarget(
            name: "plugin-overhead",
            dependencies: [.product(name: "MatcherPlugins", package: "facecert")]
        )
    ]
)
