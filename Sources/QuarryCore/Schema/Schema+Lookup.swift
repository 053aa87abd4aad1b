extension Schema {
    /// The field a query or an option names: exactly, then ignoring case; `text` is the body's
    /// other name.
    func field(named name: String) -> (field: Field, definition: FieldDefinition)? {
        let wanted = name == "text" || name.lowercased() == "text" ? "body" : name
        let index = fields.firstIndex { $0.name == wanted } ?? fields.firstIndex { $0.name.lowercased() == wanted.lowercased() }
        guard let index, let number = number(of: fields[index].name) else { return nil }
        return (Field(number: number), fields[index])
    }

    /// The definition of the field `name` names as a query does: exactly, then ignoring case,
    /// `text` for the body; nil when the schema has no such field.
    public func definition(named name: String) -> FieldDefinition? { field(named: name)?.definition }

    /// The indexed text fields, by number.
    var textFields: [(field: Field, definition: FieldDefinition)] {
        fields.compactMap { definition in
            guard definition.type == .text, let number = number(of: definition.name) else { return nil }
            return (Field(number: number), definition)
        }
    }

    /// What a query naming no field searches: the text fields of weight above 0, by number
    /// (title and body first). A text field of weight 0 is searched only where a query names it.
    var searchFields: [Field] {
        textFields.filter { $0.definition.weight > 0 }.map(\.field)
    }

    /// The position in `fields` of field number `number` (nil for the id and unknown numbers).
    func position(of number: UInt8) -> Int? {
        let position = number < 2 ? Int(number) : Int(number) - 1
        return number != 2 && position < fields.count ? position : nil
    }
}
