/// ISO 8601 dates and times, as documents give them and `date:[... TO ...]` filters name them.
enum ISODate {
    /// Seconds since 1970-01-01T00:00:00Z of `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or
    /// `YYYY-MM-DDThh:mm[:ss[.fff]]` with an optional `Z` or `±hh:mm` offset (UTC when none);
    /// nil when `text` is none of these.
    static func seconds(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { seconds(utf8: $0) }
    }

    /// `seconds(_:)` of UTF-8 bytes, read in place (no copy per date parsed).
    private static func seconds(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var index = 0
        // Inlined, so that `index` is a plain local: a call would take it boxed, with a run-time
        // exclusivity check on each access.
        @inline(__always) func number(_ digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for i in index..<(index + digits) {
                guard bytes[i] >= 0x30 && bytes[i] <= 0x39 else { return nil }
                value = value * 10 + Int(bytes[i] - 0x30)
            }
            index += digits
            return value
        }
        @inline(__always) func accept(_ character: UInt8) -> Bool {
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

    /// `seconds` since 1970-01-01T00:00:00Z as `YYYY-MM-DDThh:mm:ssZ` (what `seconds(_:)` reads
    /// back); nil for a time outside the years 0000 to 9999, which that form cannot write.
    static func string(seconds: Int64) -> String? {
        let (days, second) = (seconds.quotientAndRemainder(dividingBy: 86400))
        let (day, secondOfDay) = second < 0 ? (days - 1, second + 86400) : (days, second)
        let (year, month, dayOfMonth) = civilDate(daysFromEpoch: day)
        guard (0...9999).contains(year) else { return nil }
        func digits(_ value: Int64, _ count: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, count - text.count)) + text
        }
        return "\(digits(year, 4))-\(digits(month, 2))-\(digits(dayOfMonth, 2))T\(digits(secondOfDay / 3600, 2)):"
            + "\(digits(secondOfDay / 60 % 60, 2)):\(digits(secondOfDay % 60, 2))Z"
    }

    /// The proleptic Gregorian date `days` after 1970-01-01 (the inverse of `daysFromEpoch`).
    static func civilDate(daysFromEpoch days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719468
        let era = (shifted >= 0 ? shifted : shifted - 146096) / 146097
        let dayOfEra = shifted - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
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

    /// `seconds` since the epoch as ISO 8601 UTC: the date alone at midnight
    /// (`2024-03-01`), else the date and time (`2024-03-01T09:30:00Z`).
    static func format(_ seconds: Int64) -> String {
        let (days, second) = seconds.dividingFloor(by: 86400)
        let date = format(days: days, precision: .day)
        guard second != 0 else { return date }
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return date + "T" + two(second / 3600) + ":" + two(second / 60 % 60) + ":" + two(second % 60) + "Z"
    }

    /// Day `days` since 1970-01-01 as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    static func format(days: Int64, precision: DatePrecision) -> String {
        let (year, month, day) = civilDate(daysFromEpoch: days)
        let digits = String(abs(year))
        var text = (year < 0 ? "-" : "") + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        if precision != .year { text += (month < 10 ? "-0" : "-") + String(month) }
        if precision == .day { text += (day < 10 ? "-0" : "-") + String(day) }
        return text
    }
}

extension Int64 {
    /// The quotient rounded towards minus infinity, and the remainder (never negative for a
    /// positive divisor).
    func dividingFloor(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}
