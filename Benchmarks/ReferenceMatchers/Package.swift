// swift-tools-version:6.1
import PackageDescription

// Release-mode benchmarks of the LBPH reference matcher and the synthetic face generator, kept out of the root
// package so it carries no benchmark dependencies. Run: `swift package --disable-sandbox benchmark` here.
let package = Package(
    name: "ReferenceMatchersBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "facecert", path: "../../"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "ReferenceMatchersBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "ReferenceMatchers", package: "facecert"),
                .product(name: "SyntheticFaces", package: "facecert"),
                .product(name: "FaceImaging", package: "facecert"),
                .product(name: "MatcherPlugins", package: "facecert"),
            ],
            path: "Benchmarks/ReferenceMatchersBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ]
)
