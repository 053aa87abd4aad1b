import CQuarry

/// ICU normalization for tokens that are not pure ASCII: NFKC case folding (with the apostrophe
/// variants ’ ʼ ＇ written as '), and accent removal where marks are accents (Latin, Greek,
/// Cyrillic, Arabic harakat, Hebrew points), never where they are parts of letters (Indic
/// scripts, Thai, Lao, Khmer, Burmese).
///
/// One per thread: it holds ICU scratch buffers.
final class UnicodeFolder {
    private let handle: OpaquePointer
    /// Each operation writes its own buffer, so one's result can be the other's input.
    private var caseFoldOutput = OutputBuffer()
    private var accentOutput = OutputBuffer()

    init() throws(AnalysisError) {
        var message = [CChar](repeating: 0, count: 256)
        guard let handle = cq_folder_open(&message, Int32(message.count)) else {
            throw .icu(message: message)
        }
        self.handle = handle
    }

    deinit {
        cq_folder_close(handle)
        caseFoldOutput.deallocate()
        accentOutput.deallocate()
    }

    /// NFKC_Casefold of `text`; the result is valid until the next call.
    func caseFold(_ text: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        caseFoldOutput.fill(from: text) { cq_casefold(handle, $0, $1, $2, $3) }
    }

    /// `text` without its accents; the result is valid until the next call.
    func removeAccents(_ text: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        accentOutput.fill(from: text) { cq_fold_diacritics(handle, $0, $1, $2, $3) }
    }

}

/// A growable byte buffer that a C function fills, called again with more room when it needs it.
private struct OutputBuffer {
    private var bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
    private var capacity: Int32 = 256

    func deallocate() { bytes.deallocate() }

    /// Runs `fold(input, inputLength, output, capacity)` (which returns the length it needs, or
    /// -1 on error) until the output fits; on error the input comes back unchanged.
    mutating func fill(
        from text: UnsafeRawBufferPointer,
        _ fold: (UnsafePointer<UInt8>, Int32, UnsafeMutablePointer<UInt8>, Int32) -> Int32
    ) -> UnsafeRawBufferPointer {
        guard let base = text.baseAddress?.assumingMemoryBound(to: UInt8.self), text.count > 0 else {
            return UnsafeRawBufferPointer(start: bytes, count: 0)
        }
        while true {
            let n = fold(base, Int32(text.count), bytes, capacity)
            if n < 0 { return text }
            if n <= capacity { return UnsafeRawBufferPointer(start: bytes, count: Int(n)) }
            bytes.deallocate()
            capacity = n
            bytes = .allocate(capacity: Int(capacity))
        }
    }
}
