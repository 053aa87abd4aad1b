/// The fast path of word segmentation: on ASCII text, and on the typographic punctuation common in
/// English text (‘ ’ “ ” – — … and no-break space), it finds exactly the word-like segments
/// ICU's word break iterator finds (ICU 72 root rules), without calling ICU.
///
/// For these characters UAX #29 as ICU implements it reduces to five classes: letters (`A-Z a-z`,
/// and `@`, which ICU 72 counts as a letter so that e-mail addresses stay whole), digits, the
/// connector `_`, the "MidNumLet" `.` `'` ‘ ’ (joining letter to letter and digit to digit), and
/// the "MidNum" `,` `;` (digit to digit only). Letters, digits and `_` join each other freely
/// (WB5, WB8-10, WB13a/b); everything else breaks. A segment is word-like unless it is a single
/// `_`, matching ICU's rule statuses. `SegmentationPropertyTests` checks all this token by token
/// against ICU on random text.
struct FastWordScanner {
    enum CharClass: UInt8 {
        case other, letter, digit, connector, midNumLet, midNum
    }

    /// Classes of the ASCII bytes.
    /// Written once, then only read: safe to share between threads.
    nonisolated(unsafe) private static let asciiClasses: UnsafePointer<CharClass> = {
        let table = UnsafeMutablePointer<CharClass>.allocate(capacity: 128)
        table.initialize(repeating: .other, count: 128)
        for byte in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(byte)] = .letter }
        for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(byte)] = .letter }
        table[Int(UInt8(ascii: "@"))] = .letter
        for byte in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(byte)] = .digit }
        table[Int(UInt8(ascii: "_"))] = .connector
        table[Int(UInt8(ascii: "."))] = .midNumLet
        table[Int(UInt8(ascii: "'"))] = .midNumLet
        table[Int(UInt8(ascii: ","))] = .midNum
        table[Int(UInt8(ascii: ";"))] = .midNum
        return UnsafePointer(table)
    }()

    /// The length of the multibyte character at `index` if it is one the scanner knows (else 0):
    /// U+2013 U+2014 U+2018 U+2019 U+201C U+201D U+2026 (E2 80 xx) and U+00A0 (C2 A0).
    @inline(__always)
    static func knownSequenceLength(_ bytes: UnsafePointer<UInt8>, at index: Int, end: Int) -> Int {
        let byte = bytes[index]
        if byte == 0xE2, index + 2 < end, bytes[index + 1] == 0x80 {
            switch bytes[index + 2] {
            case 0x93, 0x94, 0x98, 0x99, 0x9C, 0x9D, 0xA6: return 3
            default: return 0
            }
        }
        if byte == 0xC2, index + 1 < end, bytes[index + 1] == 0xA0 { return 2 }
        return 0
    }

    private let bytes: UnsafePointer<UInt8>
    private let end: Int
    private var index: Int
    private let classes = FastWordScanner.asciiClasses

    /// Scans `bytes[start..<end]`: ASCII and known sequences only.
    init(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) {
        self.bytes = bytes
        self.index = start
        self.end = end
    }

    /// The class and byte length of the character at `i`.
    @inline(__always)
    private func character(at i: Int) -> (CharClass, Int) {
        let byte = bytes[i]
        if byte < 0x80 { return (classes[Int(byte)], 1) }
        if byte == 0xC2 { return (.other, 2) }
        let last = bytes[i + 2]
        return (last == 0x98 || last == 0x99 ? .midNumLet : .other, 3)
    }

    /// The next word-like segment, or nil at the end.
    @inline(__always)
    mutating func next() -> Range<Int>? {
        while index < end {
            let (first, width) = character(at: index)
            guard first == .letter || first == .digit || first == .connector else {
                index += width
                continue
            }
            var last = first
            let start = index
            index += width
            var joined = false
            scan: while index < end {
                let (c, cWidth) = character(at: index)
                switch c {
                case .letter, .digit, .connector:
                    last = c
                    joined = true
                    index += cWidth
                case .midNumLet, .midNum:
                    // WB6/7 and WB11/12: a middle character joins only between two letters
                    // (MidNumLet) or two digits (MidNumLet, MidNum).
                    guard last == .letter || last == .digit, c == .midNumLet || last == .digit,
                          index + cWidth < end, character(at: index + cWidth).0 == last else { break scan }
                    index += cWidth + 1
                    joined = true
                case .other:
                    break scan
                }
            }
            if !joined && last == .connector { continue }
            return start..<index
        }
        return nil
    }
}
