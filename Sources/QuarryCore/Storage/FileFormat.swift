/// The envelope every index file shares (see docs/FORMAT.md):
///
///     file   := header body footer
///     header := "QRRY" kind:4 version:u32 segment:16       (28 bytes)
///     footer := "YRRQ" crc32c:u32                          (8 bytes)
///
/// `kind` names the file's role (`TERM`, `POST`, ...), `segment` is the owning segment's random
/// id (zeros for the manifest), so a file copied or swapped from another segment is caught, and
/// the CRC32C covers every byte before it. Integers are little-endian.
enum FileFormat {
    static let magic: [UInt8] = Array("QRRY".utf8)
    static let footerMagic: [UInt8] = Array("YRRQ".utf8)
    static let version: UInt32 = 5
    static let headerSize = 28
    static let footerSize = 8

    /// What a file holds.
    enum Kind: String, CaseIterable, Sendable {
        case manifest = "MANI"
        case terms = "TERM"
        case postings = "POST"
        case positions = "POSN"
        case norms = "NORM"
        case stored = "STOR"
        case ids = "IDS_"
        case columns = "COLS"
        case deletes = "DELS"
        /// Scoring statistics exported from an index or merged over shards (not part of an index).
        case statistics = "STAT"

        /// The file name extension of a segment file of this kind.
        var fileExtension: String {
            switch self {
            case .manifest: return ""
            case .statistics: return "stats"
            case .terms: return "terms"
            case .postings: return "post"
            case .positions: return "pos"
            case .norms: return "norms"
            case .stored: return "store"
            case .ids: return "ids"
            case .columns: return "cols"
            case .deletes: return "del"
            }
        }

        /// Whether readers check this kind's checksum every time they open a file of it, not
        /// only `verify`: search reads these files without any other check that their values are
        /// the ones written (a flipped bit in a packed frequency or position changes results),
        /// and the files are mapped with every page read in anyway. Measured on a release build,
        /// a process opening gutenberg-250m (82 MB of these files) and answering a first query
        /// takes about 15 ms more CPU (21 -> 37 ms user, about 5.5 GB/s: in proportion to size,
        /// 10 ms for `.pos`, 4 ms for `.post`, under 1 ms for the rest); on news-en (8 MB of
        /// them) no difference was measurable. The stored text is the exception: most of an
        /// index, mapped lazily and read a block per hit, it is checked a block at a time
        /// instead (each zstd frame carries a checksum).
        var checksummedOnOpen: Bool { self != .stored }
    }

    /// Checks the header and footer of `file` (magic, kind, version, segment id, and with
    /// `verifyChecksum` the CRC32C); returns the body's byte range.
    static func validate(_ file: MappedFile, kind: Kind, segment: SegmentID?, verifyChecksum: Bool) throws(IndexError) -> Range<Int> {
        let bytes = file.bytes
        guard bytes.count >= headerSize + footerSize else {
            throw .corrupt(file: file.path, reason: "\(bytes.count) bytes, shorter than a header and footer")
        }
        guard bytes[0..<4].elementsEqual(magic) else { throw .corrupt(file: file.path, reason: "not a Quarry file (bad magic)") }
        let foundKind = String(decoding: bytes[4..<8], as: UTF8.self)
        guard foundKind == kind.rawValue else {
            throw .corrupt(file: file.path, reason: "holds \(foundKind), expected \(kind.rawValue)")
        }
        let version = bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian
        guard version == FileFormat.version else {
            throw .unsupportedVersion(file: file.path, found: version, supported: FileFormat.version)
        }
        if let segment {
            let found = SegmentID(bytes: UnsafeRawBufferPointer(rebasing: bytes[12..<28]))
            guard found == segment else {
                throw .corrupt(file: file.path, reason: "belongs to segment \(found), expected \(segment)")
            }
        }
        let footer = bytes.count - footerSize
        guard bytes[footer..<(footer + 4)].elementsEqual(footerMagic) else {
            throw .corrupt(file: file.path, reason: "bad footer (truncated or overwritten)")
        }
        if verifyChecksum {
            let stored = bytes.loadUnaligned(fromByteOffset: footer + 4, as: UInt32.self).littleEndian
            let computed = Checksum.crc32c(UnsafeRawBufferPointer(rebasing: bytes[0..<(footer + 4)]))
            guard stored == computed else {
                throw .corrupt(file: file.path, reason: "checksum mismatch (stored 0x\(stored.hexDigits), computed 0x\(computed.hexDigits))")
            }
        }
        return headerSize..<footer
    }
}

/// A segment's random 128-bit identity, written into the header of each of its files.
struct SegmentID: Hashable, Sendable, CustomStringConvertible {
    var high: UInt64
    var low: UInt64

    static let zero = SegmentID(high: 0, low: 0)

    static func random() -> SegmentID {
        var generator = SystemRandomNumberGenerator()
        return SegmentID(high: generator.next(), low: generator.next())
    }

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    init(bytes: UnsafeRawBufferPointer) {
        high = bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self).littleEndian
        low = bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian
    }

    var description: String {
        let h = String(high, radix: 16)
        let l = String(low, radix: 16)
        return String(repeating: "0", count: 16 - h.count) + h + String(repeating: "0", count: 16 - l.count) + l
    }
}
