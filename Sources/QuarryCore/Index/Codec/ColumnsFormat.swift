/// A segment's per-document values (`.cols`), any number of columns, each bit-packed in blocks
/// of documents with the block's smallest and largest value (see docs/FORMAT.md, Columns):
///
///     body       := columns:vint column{columns}                                   by field, ascending
///     column     := field:u8 kind:u8 blockShift:u8 documents:u32 gcd:u64 dictionary? block{blocks}
///                   dataLength:u64 data
///     dictionary := values:u32 end:u32{values} bytes                  keyword columns only
///     block      := min:u64 span:u64 values:u64 starts:u64 width:u8 startsWidth:u8 flags:u8
///
/// A block holds `2^blockShift` documents (the last one fewer). Its values are `min + packed *
/// gcd` (two's complement, wrapping), `packed` at most `span`, in `width` bits at `values` (an
/// offset into `data`). Single-valued blocks hold one packed value per document; with flag
/// `missing`, 0 means no value and the others are stored + 1. Multi-valued blocks hold
/// `documents + 1` ascending `starts` (`startsWidth` bits each, the first 0): document i's values
/// are packed values `starts[i] ..< starts[i + 1]`, ascending. Keyword values are ordinals into the
/// dictionary: distinct values sorted by bytes, value o being `bytes[end[o - 1] ..< end[o]]`.
enum ColumnsFormat {
    /// Documents per block, as a power of two: 512.
    static let blockShift = 9
    /// The block sizes a reader accepts.
    static let blockShifts = 4...16
    /// Bytes of one block's entry.
    static let entrySize = 35

    /// Where each field of a block entry is.
    enum Entry {
        static let minimum = 0
        static let span = 8
        static let values = 16
        static let starts = 24
        static let width = 32
        static let startsWidth = 33
        static let flags = 34
    }

    /// Bits of a block entry's `flags`.
    enum Flag {
        /// Single-valued with documents that have no value: packed 0 is none, values are + 1.
        static let missing: UInt8 = 1
        /// Multi-valued: per-document starts, then the values.
        static let multiValued: UInt8 = 2
        /// No document of the block has a value.
        static let empty: UInt8 = 4
        static let all: UInt8 = missing | multiValued | empty
    }
}
