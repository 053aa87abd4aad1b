import Testing
@testable import QuarryCore

/// Every field type against every kind of value: what is taken, as what, and the message for
/// what is refused.
@Suite struct ValueConversionTests {
    private func convert(_ value: FieldValue, to type: FieldType) -> Result<TypedValue, ValueError> {
        FieldDefinition(name: "f", type: type).convert(value)
    }

    /// The message `value` is refused with as `type`, or nil when it is taken.
    private func refusal(_ value: FieldValue, as type: FieldType) -> String? {
        guard case .failure(let error) = convert(value, to: type) else { return nil }
        #expect(error.type == type && "\(error.value)" == "\(value)")
        return error.description
    }

    @Test func text() {
        #expect(convert(.string("Hello world"), to: .text) == .success(.text("Hello world")))
        #expect(convert(.string(""), to: .text) == .success(.text("")))
        #expect(convert(.integer(-42), to: .text) == .success(.text("-42")))
        #expect(convert(.float(2.5), to: .text) == .success(.text("2.5")))
        #expect(refusal(.bool(true), as: .text) == "expected text (a string or a number), got true")
    }

    @Test func keyword() {
        #expect(convert(.string("BBC News"), to: .keyword) == .success(.keyword("BBC News")))
        #expect(convert(.integer(7), to: .keyword) == .success(.keyword("7")))
        #expect(convert(.bool(false), to: .keyword) == .success(.keyword("false")))
        #expect(refusal(.string(""), as: .keyword) == "expected a keyword (a non-empty string, an integer, true or false), got \"\"")
        #expect(refusal(.float(2.5), as: .keyword) == "expected a keyword (a non-empty string, an integer, true or false), got 2.5")
    }

    @Test func date() {
        #expect(convert(.string("2024-03-01"), to: .date) == .success(.seconds(1_709_251_200)))
        #expect(convert(.string("2024-03-01T10:00:00+01:00"), to: .date) == .success(.seconds(1_709_251_200 + 9 * 3600)))
        #expect(convert(.string("2024"), to: .date) == .success(.seconds(1_704_067_200)))
        #expect(convert(.string("1969-12-31T23:59:59Z"), to: .date) == .success(.seconds(-1)))
        #expect(refusal(.string("yesterday"), as: .date) == "expected a date (ISO 8601, e.g. 2024-03-01), got \"yesterday\"")
        #expect(refusal(.string("2024-02-30"), as: .date) == "expected a date (ISO 8601, e.g. 2024-03-01), got \"2024-02-30\"")
        #expect(refusal(.integer(1_700_000_000), as: .date)
                    == "expected a date (ISO 8601, e.g. 2024-03-01), got 1700000000 (numbers are not read as dates: write the date)")
        #expect(refusal(.float(2024.5), as: .date)
                    == "expected a date (ISO 8601, e.g. 2024-03-01), got 2024.5 (numbers are not read as dates: write the date)")
        #expect(refusal(.bool(true), as: .date) == "expected a date (ISO 8601, e.g. 2024-03-01), got true")
    }

    @Test func integer() {
        let expected = "expected an integer (a number without a fraction, from -2^63 to 2^63-1), got "
        #expect(convert(.integer(.min), to: .integer) == .success(.integer(.min)))
        #expect(convert(.integer(.max), to: .integer) == .success(.integer(.max)))
        #expect(convert(.float(3.0), to: .integer) == .success(.integer(3)))
        #expect(convert(.float(-9.223372036854775808e18), to: .integer) == .success(.integer(.min)))
        #expect(refusal(.float(2.5), as: .integer) == expected + "2.5")
        #expect(refusal(.float(9.223372036854775808e18), as: .integer) == expected + "9.223372036854776e+18 (beyond 64 bits)")
        #expect(refusal(.float(1e300), as: .integer) == expected + "1e+300 (beyond 64 bits)")
        #expect(refusal(.float(.nan), as: .integer) == expected + "nan")
        #expect(refusal(.float(-.infinity), as: .integer) == expected + "-inf")
        #expect(refusal(.string("12"), as: .integer) == expected + "\"12\" (a number in quotes is a string: write it without quotes)")
        #expect(refusal(.string("twelve"), as: .integer) == expected + "\"twelve\"")
        #expect(refusal(.string("nan"), as: .integer) == expected + "\"nan\"")
        #expect(refusal(.bool(true), as: .integer) == expected + "true")
    }

    @Test func float() {
        let expected = "expected a number (finite), got "
        #expect(convert(.float(2.5), to: .float) == .success(.float(2.5)))
        // -0.0 is stored as 0, so that filters, facets and sorts never tell them apart.
        guard case .success(.float(let zero)) = convert(.float(-0.0), to: .float) else { Issue.record("-0.0 refused"); return }
        #expect(zero == 0 && zero.sign == .plus)
        #expect(convert(.integer(-3), to: .float) == .success(.float(-3)))
        #expect(refusal(.float(.nan), as: .float) == expected + "nan")
        #expect(refusal(.float(.infinity), as: .float) == expected + "inf")
        #expect(refusal(.string("-2.5e3"), as: .float) == expected + "\"-2.5e3\" (a number in quotes is a string: write it without quotes)")
        #expect(refusal(.string("-inf"), as: .float) == expected + "\"-inf\"")
        #expect(refusal(.bool(false), as: .float) == expected + "false")
    }

    @Test func stored() {
        #expect(convert(.string("https://example.org/a?b=c"), to: .stored) == .success(.stored("https://example.org/a?b=c")))
        #expect(convert(.string(""), to: .stored) == .success(.stored("")))
        #expect(convert(.integer(12), to: .stored) == .success(.stored("12")))
        #expect(convert(.float(0.5), to: .stored) == .success(.stored("0.5")))
        #expect(convert(.bool(true), to: .stored) == .success(.stored("true")))
    }

    @Test func valuesAreShownShortAndSafe() {
        let long = String(repeating: "é", count: 39) + "xyz"
        #expect(refusal(.string(long), as: .date) == "expected a date (ISO 8601, e.g. 2024-03-01), got \"\(String(repeating: "é", count: 39))x…\"")
        #expect(refusal(.string(String(repeating: "a", count: 40)), as: .date)
                    == "expected a date (ISO 8601, e.g. 2024-03-01), got \"\(String(repeating: "a", count: 40))\"")
        #expect(refusal(.string("\u{1B}[31mred\tnow"), as: .date) == "expected a date (ISO 8601, e.g. 2024-03-01), got \"\\u{1B}[31mred now\"")
    }

    /// Every type against every kind of value, in one table: which are taken.
    @Test func theWholeTable() {
        let values: [FieldValue] = [.string("word"), .string(""), .string("2024-03-01"), .string("12"), .integer(12), .float(1.5), .float(12.0), .bool(true)]
        let taken: [FieldType: [Bool]] = [
            .text:    [true, true, true, true, true, true, true, false],
            .keyword: [true, false, true, true, true, false, false, true],
            .date:    [false, false, true, false, false, false, false, false],
            .integer: [false, false, false, false, true, false, true, false],
            .float:   [false, false, false, false, true, true, true, false],
            .stored:  [true, true, true, true, true, true, true, true],
        ]
        for type in FieldType.allCases {
            let row = values.map { value -> Bool in
                if case .success = convert(value, to: type) { return true }
                return false
            }
            #expect(row == taken[type], "\(type)")
        }
    }
}
