import Foundation
import QuarryCore

/// A news article, the app's own type: its coding keys name the index's fields.
struct Article: Codable {
    var id: String
    var title: String
    var body: String
    /// Who published it: a keyword field, for filters.
    var source: String
    /// The paper's section: a keyword field.
    var section: String
    /// When it was published: a date field.
    var published: Date

    /// The fields an article index has: `title` and `body` are text (ranked); `source` and
    /// `section` keywords; `published` a date.
    static func schema() throws -> Schema {
        try Schema(fields: [
            .title, .body,
            FieldDefinition(name: "source", type: .keyword),
            FieldDefinition(name: "section", type: .keyword),
            FieldDefinition(name: "published", type: .date),
        ])
    }
}
