// swift-tools-version:6.1
import PackageDescription

// Data flows one way: vectors (manifest + PNG) → runner → matcher plugin → scores → metrics → verdict → reports.
// Each module below owns one step of that flow; see README.md "Architecture".
let package = Package(
    name: "facecert",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "facecert", targets: ["facecert"]),
        .library(name: "FaceImaging", targets: ["FaceImaging"]),
        .library(name: "BiometricMetrics", targets: ["BiometricMetrics"]),
        .library(name: "ConformanceVectors", targets: ["ConformanceVectors"]),
        .library(name: "MatcherPlugins", targets: ["MatcherPlugins"]),
        .executable(name: "facecert-plugin-host", targets: ["FaceCertPluginHost"]),
        .library(name: "ConformanceRunner", targets: ["ConformanceRunner"]),
        .library(name: "ConformanceReports", targets: ["ConformanceReports"]),
        .library(name: "ReferenceMatchers", targets: ["ReferenceMatchers"]),
        .library(name: "SyntheticFaces", targets: ["SyntheticFaces"]),
        .library(name: "FaceCertTesting", targets: ["FaceCertTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // libpng, found through pkg-config; the only place that names the system library.
        .systemLibrary(
            name: "CLibPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"]), .brew(["libpng"])]
        ),
        // Every libpng call, setjmp/png_longjmp and callback lives here, in C.
        .target(name: "CFaceImagingShims", dependencies: ["CLibPNG"]),
        .target(
            name: "FaceImaging",
            dependencies: ["CFaceImagingShims"]
        ),
        .target(name: "BiometricMetrics"),
        .target(
            name: "ConformanceVectors",
            dependencies: [
                "FaceImaging", "BiometricMetrics",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Process spawning and the C-ABI plugin loader (plugins/c/include/facecert_matcher.h), in C.
        .target(name: "CMatcherPluginsShims", cSettings: [.headerSearchPath("../../plugins/c/include")]),
        .target(name: "MatcherPlugins", dependencies: ["FaceImaging", "BiometricMetrics", "CMatcherPluginsShims"]),
        // The child process that loads a `lib:` plugin and speaks docs/plugin-protocol.md on stdin/stdout.
        .executableTarget(
            name: "FaceCertPluginHost", dependencies: ["CMatcherPluginsShims"],
            cSettings: [.headerSearchPath("../../plugins/c/include")]),
        .target(
            name: "ConformanceRunner",
            dependencies: [
                "FaceImaging", "BiometricMetrics", "ConformanceVectors", "MatcherPlugins",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "ConformanceReports", dependencies: ["BiometricMetrics", "ConformanceRunner"]),
        .target(name: "ReferenceMatchers", dependencies: ["FaceImaging", "BiometricMetrics", "MatcherPlugins"]),
        // Seeded synthetic face images for redistributable test vectors.
        .target(name: "SyntheticFaces", dependencies: ["FaceImaging"]),
        .target(
            name: "FaceCertTesting",
            dependencies: [
                "FaceImaging", "BiometricMetrics", "ConformanceRunner", "ConformanceReports", "ConformanceVectors",
                "MatcherPlugins",
            ]
        ),
        .executableTarget(
            name: "facecert",
            dependencies: [
                "FaceImaging", "BiometricMetrics", "ConformanceVectors", "MatcherPlugins", "ConformanceRunner",
                "ConformanceReports", "ReferenceMatchers", "SyntheticFaces",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "FaceImagingTests", dependencies: ["FaceImaging", .product(name: "Crypto", package: "swift-crypto")],
            exclude: ["Fixtures"]  // read by path (#filePath), with their generator scripts
        ),
        .testTarget(name: "BiometricMetricsTests", dependencies: ["BiometricMetrics"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ConformanceVectorsTests", dependencies: ["ConformanceVectors", "BiometricMetrics"]),
        .testTarget(name: "MatcherPluginsTests", dependencies: ["MatcherPlugins", "ReferenceMatchers"]),
        .testTarget(name: "ConformanceRunnerTests", dependencies: ["ConformanceRunner", "ConformanceReports", "ReferenceMatchers"]),
        .testTarget(
            name: "ConformanceReportsTests",
            dependencies: ["ConformanceReports", "ConformanceRunner", "BiometricMetrics"],
            exclude: ["Golden"]
        ),
        .testTarget(name: "ReferenceMatchersTests", dependencies: ["ReferenceMatchers", "BiometricMetrics"]),
        .testTarget(name: "SyntheticFacesTests", dependencies: ["SyntheticFaces", "ReferenceMatchers"]),
        .testTarget(name: "FaceCertTestingTests", dependencies: ["FaceCertTesting"]),
        .testTarget(name: "FaceCertCLITests", dependencies: ["facecert", "FaceImaging", "BiometricMetrics"]),
    ]
)
