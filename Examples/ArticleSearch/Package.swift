// swift-tools-version:6.0
import PackageDescription

// Indexes an app's own `Codable` type with QuarryCore and searches it with the typed query
// builder.
let package = Package(
    name: "ArticleSearch",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Quarry", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "articles",
            dependencies: [.product(name: "QuarryCore", package: "Quarry")]
        ),
    ]
)
