/// How a keyword field's value becomes its term in the term dictionary: case folded, so that
/// `source:reuters` finds "Reuters". The value itself, case kept, is what columns, facets and
/// stored fields hold.
enum KeywordTerm {
    static func folded(_ value: String) -> String { value.lowercased() }
}
