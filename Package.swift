// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Quarry",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "QuarryCore", targets: ["QuarryCore"]),
        .executable(name: "quarry-index", targets: ["quarry-index"]),
        .executable(name: "quarry-query", targets: ["quarry-query"]),
        .executable(name: "quarry-serve", targets: ["quarry-serve"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        // The server: Hummingbird without its optional traits (no swift-configuration).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0", traits: []),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // pkg-config flags for ICU and libxml2; only CQuarry's C files include their headers.
        .systemLibrary(
            name: "CICU",
            pkgConfig: "icu-i18n",
            providers: [.apt(["libicu-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // The only code that sees ICU, libstemmer, zlib, zstd and libxml2 headers; a plain C API for Swift.
        .target(
            name: "CQuarry",
            dependencies: ["CICU", "CLibXML2"],
            cSettings: [.define("U_SHOW_CPLUSPLUS_API", to: "0")],
            linkerSettings: [
                .linkedLibrary("stemmer"),
                .linkedLibrary("zstd"),
                .linkedLibrary("z"),
            ]
        ),
        .target(
            name: "QuarryCore",
            dependencies: ["CQuarry"]
        ),
        // What the executables and the server share: error reporting in the command-line style, JSON output.
        .target(
            name: "QuarryCommandLine",
            dependencies: ["QuarryCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "quarry-index",
            dependencies: ["QuarryCore", "QuarryCommandLine", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // The HTTP server and its search page (`quarry-serve`), over the public API only.
        .target(
            name: "QuarryServer",
            dependencies: [
                "QuarryCore", "QuarryCommandLine",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "quarry-query",
            dependencies: ["QuarryCore", "QuarryCommandLine", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // The server's executable: only it (and its tests) link Hummingbird.
        .executableTarget(
            name: "quarry-serve",
            dependencies: ["QuarryCore", "QuarryCommandLine", "QuarryServer",
                           .product(name: "ArgumentParser", package: "swift-argument-parser"),
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "NIOPosix", package: "swift-nio")]
        ),
        // Release-build benchmarks of the core (figures in BENCHMARKS.md).
        .executableTarget(
            name: "quarry-bench",
            dependencies: ["QuarryCore", "QuarryCommandLine", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // What the test targets share (seeded randomness, temporary folders).
        .target(
            name: "QuarryTestSupport",
            path: "Tests/QuarryTestSupport"
        ),
        .testTarget(
            name: "QuarryCoreTests",
            dependencies: ["QuarryCore", "QuarryTestSupport"]
        ),
        // The public API as a dependant sees it: no @testable import (the README's and the
        // DocC catalog's snippets are compiled here).
        .testTarget(
            name: "QuarryAPITests",
            dependencies: ["QuarryCore", "QuarryTestSupport"]
        ),
        // End-to-end tests: run the executables on corpus/ (they build first).
        // The server's routes, keys, limits and live updates, over loopback connections (a NIO
        // client of its own: HummingbirdTesting would bring AsyncHTTPClient and BoringSSL to build).
        .testTarget(
            name: "QuarryServerTests",
            dependencies: ["QuarryServer", "QuarryCore", "QuarryTestSupport",
                           .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "HTTPTypes", package: "swift-http-types"),
                           .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "NIOHTTP1", package: "swift-nio"),
                           .product(name: "NIOPosix", package: "swift-nio"),
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")]
        ),
        .testTarget(
            name: "QuarryCLITests",
            dependencies: ["quarry-index", "quarry-query", "quarry-serve", "QuarryCommandLine", "QuarryCore", "QuarryTestSupport"]
        ),
    ]
)
