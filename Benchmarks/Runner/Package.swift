// swift-tools-version:6.1
import PackageDescription

// Harness overhead of the conformance runner: comparisons per second through ConformanceRunner with a no-op
// in-process matcher, journal included. Run with `swift run -c release` from this folder.
let package = Package(
    name: "RunnerBenchmark",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "facecert", path: "../../")],
    targets: [
        .executableTarget(
            name: "RunnerBenchmark",
            dependencies: [
                .product(name: "ConformanceRunner", package: "facecert"),
                .product(name: "ConformanceVectors", package: "facecert"),
                .product(name: "MatcherPlugins", package: "facecert"),
                .product(name: "FaceImaging", package: "facecert"),
                .product(name: "BiometricMetrics", package: "facecert"),
            ]
        )
    ]
)
