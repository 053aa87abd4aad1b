extension UInt32 {
    /// The value as eight lowercase hex digits, zero-padded: how checksums and fingerprints are shown.
    var hexDigits: String {
        let digits = String(self, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
