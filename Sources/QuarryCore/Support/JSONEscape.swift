/// JSON's one-character string escapes (RFC 8259 §7), shared by the document parser and the
/// schema file parser.
enum JSONEscape {
    /// The byte `\X` stands for, for `X` one of `" \ / b f n r t`; nil for any other (`u` has
    /// its own four hex digits).
    @inline(__always)
    static func byte(for escape: UInt8) -> UInt8? {
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return escape
        case UInt8(ascii: "b"): return 0x08
        case UInt8(ascii: "f"): return 0x0C
        case UInt8(ascii: "n"): return 0x0A
        case UInt8(ascii: "r"): return 0x0D
        case UInt8(ascii: "t"): return 0x09
        default: return nil
        }
    }
}
