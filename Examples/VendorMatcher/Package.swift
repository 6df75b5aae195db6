// swift-tools-version:6.1
import PackageDescription

// A vendor's package: its matcher, and a test that asserts conformance with FaceCertTesting.
// A real vendor depends on facecert by URL: .package(url: "https://…/facecert", from: "…").
let package = Package(
    name: "VendorMatcher",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "VendorMatcher", targets: ["VendorMatcher"])
    ],
    dependencies: [
        .package(name: "facecert", path: "../..")
    ],
    targets: [
        .target(
            name: "VendorMatcher",
            dependencies: [
                .product(name: "MatcherPlugins", package: "facecert"),
                .product(name: "FaceImaging", package: "facecert"),
            ]
        ),
        .testTarget(
            name: "VendorMatcherTests",
            dependencies: ["VendorMatcher", .product(name: "FaceCertTesting", package: "facecert")]
        ),
    ]
)
