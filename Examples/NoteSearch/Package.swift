// swift-tools-version:6.0
import PackageDescription

// A command-line note searcher over QuarryCore's public API: `notes index` indexes a folder of
// Markdown files, `notes search` searches it.
let package = Package(
    name: "NoteSearch",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Quarry", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "notes",
            dependencies: [.product(name: "QuarryCore", package: "Quarry")]
        ),
    ]
)
