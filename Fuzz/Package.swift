// swift-tools-version:5.4
import PackageDescription

// libFuzzer targets for QuarryCore, kept out of the main package so that its build and its
// products never see them. Each target defines libFuzzer's `LLVMFuzzerTestOneInput` (and
// `LLVMFuzzerInitialize` when it needs setup); libFuzzer's runtime supplies `main`. Build them
// only through `scripts/fuzz`, which adds `-sanitize=fuzzer` (the runtime and coverage),
// AddressSanitizer and `-enable-testing` (harnesses reach internal types with `@testable import`).
//
// Tools version 5.4 on purpose: from 5.5 on, SwiftPM renames an executable's entry point and
// links it back as `main` with `--defsym`, which fails for a module without one. The code itself
// is Swift 6, like the main package's.
let swift6: [SwiftSetting] = [.unsafeFlags(["-swift-version", "6"])]
let harness: [SwiftSetting] = swift6 + [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "QuarryFuzz",
    dependencies: [
        .package(name: "Quarry", path: ".."),
    ],
    targets: [
        // What the harnesses share.
        .target(
            name: "FuzzSupport",
            dependencies: [.product(name: "QuarryCore", package: "Quarry")],
            swiftSettings: swift6
        ),
        .executableTarget(
            name: "fuzz-query",
            dependencies: [.product(name: "QuarryCore", package: "Quarry")],
            swiftSettings: harness
        ),
        .executableTarget(
            name: "fuzz-json",
            dependencies: [.product(name: "QuarryCore", package: "Quarry"), "FuzzSupport"],
            swiftSettings: harness
        ),
        .executableTarget(
            name: "fuzz-documents",
            dependencies: [.product(name: "QuarryCore", package: "Quarry"), "FuzzSupport"],
            swiftSettings: harness
        ),
        .executableTarget(
            name: "fuzz-schema",
            dependencies: [.product(name: "QuarryCore", package: "Quarry")],
            swiftSettings: harness
        ),
        .executableTarget(
            name: "fuzz-index",
            dependencies: [.product(name: "QuarryCore", package: "Quarry"), "FuzzSupport"],
            swiftSettings: harness
        ),
    ]
)
