import Foundation

/// A secret a client sends as `Authorization: Bearer KEY`, read from a file (never from the
/// command line, where other users can see it, nor from the environment).
public struct AccessKey: Sendable {
    /// The fewest bytes a key may have.
    public static let minimumBytes = 16

    private let bytes: [UInt8]

    /// The key in the first line of `file`, spaces around it trimmed.
    public init(file: URL) throws(ServerError) {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw .configuration("\(file.path): cannot read the key file")
        }
        let line = String(decoding: data, as: UTF8.self).split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let key = line.trimmingCharacters(in: .whitespacesAndNewlines)
        guard key.utf8.count >= Self.minimumBytes else {
            throw .configuration("\(file.path): a key needs at least \(Self.minimumBytes) bytes on its first line")
        }
        bytes = Array(key.utf8)
    }

    /// Whether `candidate` is this key, in time that depends only on the lengths (no early exit
    /// on the first differing byte, so the time tells an attacker nothing about the key).
    func matches(_ candidate: Substring.UTF8View) -> Bool {
        var difference: UInt8 = candidate.count == bytes.count ? 0 : 1
        var i = 0
        for byte in candidate {
            difference |= byte ^ bytes[i % bytes.count]
            i += 1
        }
        return difference == 0
    }
}
