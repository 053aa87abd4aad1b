/// The names of the files Quarry keeps in an index folder, and the only names it ever removes.
///
///     MANIFEST          the current commit
///     MANIFEST.<g>      commit generation g (a second name of MANIFEST's file, kept while a reader holds it)
///     MANIFEST.tmp      a commit being written
///     LOCK              the writer lock
///     s<digits>.<ext>   a segment file (terms post pos norms store ids cols)
///     s<digits>.<n>.del generation n of a segment's deletes
///     synonyms.txt      the user's synonyms (`SynonymRules`), read by searchers, never removed
///
/// Digits are ASCII only, and a segment number has at least six of them.
enum IndexFileName: Equatable, Sendable {
    case manifest
    case manifestGeneration(Int)
    case manifestTemporary
    case lock
    case synonyms
    case segmentFile(segment: String)

    /// The name's role, or nil when Quarry did not make it (a user's own file).
    init?(_ name: String) {
        switch name {
        case Manifest.fileName: self = .manifest
        case Manifest.fileName + ".tmp": self = .manifestTemporary
        case IndexLock.fileName: self = .lock
        case SynonymRules.fileName: self = .synonyms
        default:
            let parts = name.split(separator: ".", omittingEmptySubsequences: false)
            if parts.count == 2, parts[0] == Manifest.fileName, let generation = Self.number(parts[1]) {
                self = .manifestGeneration(generation)
                return
            }
            guard let segment = parts.first, segment.count >= 7, segment.first == "s",
                  Self.number(segment.dropFirst()) != nil else { return nil }
            if parts.count == 2, SegmentInfo.fileKinds.contains(where: { $0.fileExtension == parts[1] }) {
                self = .segmentFile(segment: String(segment))
            } else if parts.count == 3, Self.number(parts[1]) != nil, parts[2] == FileFormat.Kind.deletes.fileExtension {
                self = .segmentFile(segment: String(segment))
            } else {
                return nil
            }
        }
    }

    /// The value of a run of ASCII digits (no sign, no other digits), or nil.
    private static func number(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(text)
    }

    /// The name of commit generation `generation`'s manifest.
    static func manifest(generation: Int) -> String { "\(Manifest.fileName).\(generation)" }
}
