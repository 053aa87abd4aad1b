import Foundation
import Testing

/// The package manifest, as a package that depends on Quarry by version sees it.
@Suite struct PackageManifestTests {
    /// SwiftPM refuses `unsafeFlags` in a package another one depends on by version (issue 14):
    /// no target may use them, in any configuration.
    @Test func noUnsafeFlags() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        #expect(manifest.contains(".target("), "not the manifest: \(root.path)")
        for (number, line) in manifest.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where line.contains("unsafeFlags") {
            Issue.record("Package.swift:\(number + 1) uses unsafeFlags: \(line.trimmingCharacters(in: .whitespaces))")
        }
    }
}
