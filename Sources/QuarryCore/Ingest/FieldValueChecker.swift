/// Checks a document's members against the schema as it is read, so that a value that does not
/// fit its field is reported with its place in the input (`file:line`, the field, the value);
/// the segment builder then leaves that value out and keeps the rest of the document. An empty
/// string counts as no value.
struct FieldValueChecker {
    let layout: FieldLayout

    /// What is wrong with `document`'s values: one message per problem.
    func problems(in document: Document) -> [String] {
        var problems: [String] = []
        for member in document.fields {
            guard let entry = layout.entry(named: member.name) else { continue }
            let definition = entry.definition
            let values = member.values.filter { $0 != .string("") }
            if !definition.multiValued, values.count > 1 {
                problems.append("field '\(definition.name)' takes one value, the document gives \(values.count): the first is kept")
            }
            for value in definition.multiValued ? values[...] : values.prefix(1) {
                if case .failure(let error) = definition.convert(value) {
                    problems.append("field '\(definition.name)': \(error); the value is left out")
                }
            }
        }
        return problems
    }
}
