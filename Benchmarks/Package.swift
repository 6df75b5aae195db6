// swift-tools-version:6.1
import PackageDescription

// Benchmarks live in their own package so the root package carries no benchmark code or dependencies.
// Run: swift run -c release --package-path Benchmarks facecert-benchmark
let package = Package(
    name: "facecert-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "facecert", path: "../")],
    targets: [
        // libpng for the C baseline, found the same way as the root package's CLibPNG.
        .systemLibrary(
            name: "CBenchmarkLibPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"]), .brew(["libpng"])]
        ),
        // The baseline: a plain C decoder calling libpng directly with the same transforms as FaceImage.
        .target(name: "CLibPNGBaseline", dependencies: ["CBenchmarkLibPNG"]),
        .executableTarget(
            name: "facecert-benchmark",
            dependencies: ["CLibPNGBaseline", .product(name: "FaceImaging", package: "facecert")],
            path: "Sources/FaceImagingBenchmark"
        ),
    ]
)
