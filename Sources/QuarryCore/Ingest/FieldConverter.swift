/// Converts a document's members to their fields' types as the document is read, so that a
/// value that does not fit is reported with its place in the input (`file:line`, the field, the
/// value) and each value is converted once: the segment builder takes the result as it is. A
/// value that does not fit is left out and the rest of the document kept. An empty string
/// counts as no value. A member the schema has no field for is reported the first time its
/// name is seen (when `reportsUnknownMembers`); its strings are stored.
struct FieldConverter {
    let layout: FieldLayout
    let reportsUnknownMembers: Bool
    /// The names of the unknown members reported so far.
    private var reportedMembers: Set<String> = []
    /// Per field (by index in the layout's `entries`), the last document that gave it, counted
    /// by `documents`: a member given twice in a document counts once.
    private var lastGiven: [Int]
    private var documents = 0

    init(layout: FieldLayout, reportsUnknownMembers: Bool) {
        self.layout = layout
        self.reportsUnknownMembers = reportsUnknownMembers
        lastGiven = Array(repeating: -1, count: layout.entries.count)
    }

    /// `document`'s members as their fields' values, and what to report about them.
    mutating func convert(_ document: Document) -> (fields: ConvertedFields, warnings: [IngestWarning]) {
        var converted = ConvertedFields()
        converted.values.reserveCapacity(document.fields.count)
        var warnings: [IngestWarning] = []
        func report(_ kind: IngestWarning.Kind, _ message: String) {
            warnings.append(IngestWarning(kind, at: document.reportedLocation, message: message))
        }
        documents += 1
        for (index, member) in document.fields.enumerated() {
            // A member called title or body (given in code) is not the title or the body.
            guard let entryIndex = layout.index(named: member.name), layout.entries[entryIndex].field != .title,
                  layout.entries[entryIndex].field != .body else {
                converted.unknownMembers.append(index)
                if reportsUnknownMembers, reportedMembers.insert(member.name).inserted {
                    report(.unknownMember, "member '\(ControlCharacters.forDisplay(member.name))' is not a field of the schema: its strings are stored, not indexed (reported once)")
                }
                continue
            }
            guard lastGiven[entryIndex] != documents else { continue }
            lastGiven[entryIndex] = documents
            // The definition is read in place, not copied (a copy retains its strings).
            let multiValued = layout.entries[entryIndex].definition.multiValued
            if !multiValued, case let count = member.values.count(where: { $0 != .string("") }), count > 1 {
                report(.badValue, "field '\(layout.entries[entryIndex].definition.name)' takes one value, the document gives \(count): the first is kept")
            }
            for value in member.values where value != .string("") {
                switch layout.entries[entryIndex].definition.convert(value) {
                case .success(let typed):
                    converted.values.append(ConvertedFields.Value(entry: entryIndex, member: index, given: value, typed: typed))
                case .failure(let error):
                    report(.badValue, "field '\(layout.entries[entryIndex].definition.name)': \(error); the value is left out")
                }
                if !multiValued { break }
            }
        }
        return (converted, warnings)
    }
}
