/// ISO 8601 dates and times, as documents give them and `date:[... TO ...]` filters name them.
public enum ISODate {
    /// Seconds since 1970-01-01T00:00:00Z of `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or
    /// `YYYY-MM-DDThh:mm[:ss[.fff]]` with an optional `Z` or `±hh:mm` offset (UTC when none);
    /// nil when `text` is none of these.
    public static func seconds(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for i in index..<(index + digits) {
                guard bytes[i] >= 0x30 && bytes[i] <= 0x39 else { return nil }
                value = value * 10 + Int(bytes[i] - 0x30)
            }
            index += digits
            return value
        }
        func accept(_ character: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == character else { return false }
            index += 1
            return true
        }
        guard let year = number(4) else { return nil }
        var month = 1
        var day = 1
        var seconds: Int64 = 0
        if accept(UInt8(ascii: "-")) {
            guard let m = number(2), (1...12).contains(m) else { return nil }
            month = m
            if accept(UInt8(ascii: "-")) {
                guard let d = number(2), (1...daysIn(month: month, year: year)).contains(d) else { return nil }
                day = d
                if accept(UInt8(ascii: "T")) || accept(UInt8(ascii: " ")) {
                    guard let hour = number(2), hour < 24, accept(UInt8(ascii: ":")), let minute = number(2), minute < 60 else { return nil }
                    var second = 0
                    if accept(UInt8(ascii: ":")) {
                        guard let s = number(2), s < 61 else { return nil }
                        second = s
                        if accept(UInt8(ascii: ".")) || accept(UInt8(ascii: ",")) {
                            while index < bytes.count, bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1 }
                        }
                    }
                    seconds = Int64(hour * 3600 + minute * 60 + second)
                    if accept(UInt8(ascii: "Z")) {
                    } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                        let sign: Int64 = bytes[index] == UInt8(ascii: "+") ? 1 : -1
                        index += 1
                        guard let offsetHours = number(2) else { return nil }
                        _ = accept(UInt8(ascii: ":"))
                        let offsetMinutes = number(2) ?? 0
                        seconds -= sign * Int64(offsetHours * 3600 + offsetMinutes * 60)
                    }
                }
            }
        }
        guard index == bytes.count else { return nil }
        return Int64(daysFromEpoch(year: year, month: month, day: day)) * 86400 + seconds
    }

    private static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }
}
