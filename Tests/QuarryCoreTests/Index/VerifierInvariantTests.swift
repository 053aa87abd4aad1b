import Foundation
import QuarryTestSupport
import Testing
@testable import QuarryCore

/// `verify` catches a manifest that names a segment twice, and an id live in two segments:
/// states no writer makes, each of which a search would show as duplicate hits.
@Suite struct VerifierInvariantTests {
    private func index(_ directory: String, ids: [String]) throws -> Manifest {
        let writer = try IndexWriterCore.create(directory: directory, settings: AnalysisSettings(language: .none))
        _ = try writer.add(ids.map { Document(id: $0, body: "text of \($0)") })
        try writer.commit()
        return try Manifest.read(directory: directory)
    }

    @Test func aSegmentNamedTwiceIsCorrupt() throws {
        let folder = TemporaryDirectory()
        var manifest = try index(folder.path, ids: ["a", "b"])
        _ = try IndexVerifier.verify(directory: folder.path)
        manifest.segments.append(manifest.segments[0])
        manifest.generation += 1
        try manifest.commit(directory: folder.path)
        #expect(throws: IndexError.self) { try IndexVerifier.verify(directory: folder.path) }
        do {
            _ = try IndexVerifier.verify(directory: folder.path)
        } catch {
            #expect("\(error)".contains("twice"), "\(error)")
        }
    }

    @Test func anIDLiveInTwoSegmentsIsCorrupt() throws {
        let folder = TemporaryDirectory()
        let other = TemporaryDirectory()
        var manifest = try index(folder.path, ids: ["a", "b"])
        let donor = try index(other.path, ids: ["c", "b"])
        // The other index's segment, under a new name, in this one's commit.
        var copied = donor.segments[0]
        copied.name = SegmentInfo.name(number: manifest.nextSegment)
        for kind in SegmentInfo.fileKinds {
            try FileManager.default.copyItem(atPath: donor.segments[0].path(kind, in: other.path), toPath: copied.path(kind, in: folder.path))
        }
        manifest.segments.append(copied)
        manifest.nextSegment += 1
        manifest.generation += 1
        try manifest.commit(directory: folder.path)
        do {
            _ = try IndexVerifier.verify(directory: folder.path)
            Issue.record("an id live twice passed verify")
        } catch {
            #expect("\(error)".contains("id 'b' is live twice"), "\(error)")
        }
    }
}
