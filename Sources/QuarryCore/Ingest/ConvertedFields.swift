/// A document's members converted to their fields' types (`FieldConverter`), once, on the
/// thread that reads the input, and handed with the document to the segment builder, which
/// takes the values as they are: no field looked up by name and no value converted again.
struct ConvertedFields: Sendable {
    /// One value that fits its field.
    struct Value: Sendable {
        /// The field's index in the layout's `entries`.
        let entry: Int
        /// The member's index in the document's `fields`.
        let member: Int
        /// The value as the document gave it (its text is what a stored field keeps).
        let given: FieldValue
        /// The value as the field's type.
        let typed: TypedValue
    }

    /// The values of the schema's fields, grouped by field in the order the document gave its
    /// members: every value of a multi-valued field, the first of a single-valued one, none that
    /// does not fit. A member given twice counts once (the first).
    var values: [Value] = []
    /// The indices, in the document's `fields`, of the members the schema has no field for.
    var unknownMembers: [Int] = []
}
