// swift-tools-version:6.1
import PackageDescription

// Release-mode benchmark of BiometricMetrics against scikit-learn; run ./run.sh (see README.md there).
// A nested package so the root package carries no benchmark code or dependencies.
let package = Package(
    name: "MetricsBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "facecert", path: "../../")],
    targets: [
        .executableTarget(
            name: "MetricsBenchmark",
            dependencies: [.product(name: "BiometricMetrics", package: "facecert")],
            swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]
        )
    ]
)
