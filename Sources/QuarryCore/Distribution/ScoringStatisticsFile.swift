import Foundation

/// Scoring statistics as a file (kind `STAT` in the envelope every index file has; see
/// docs/FORMAT.md):
///
///     statistics := settings schema languages:vint language:bytes{languages}
///                   shards:vint shard{shards} documents:vint fields:vint field{fields}
///     shard      := generation:vint fingerprint:u32 documents:vint
///     field      := number:u8 documents:vint length:vint terms:vint term{terms}
///     term       := shared:vint suffix:bytes documents:vint titleOnly:vint
///
/// Terms are in byte order, each written as the bytes it shares with the one before and the
/// rest. Reading checks the checksum, every count against what remains, and the term order.
extension ScoringStatistics {
    /// The most shards one statistics file counts.
    static let maximumShards = 1_000_000

    /// Writes the statistics to `url` (through a temporary file renamed over it, so a reader
    /// never sees half of one).
    public func write(to url: URL) throws(IndexError) {
        let path = url.givenPath
        let temporary = path + ".tmp"
        let file = try FileWriter(path: temporary, kind: .statistics, segment: .zero, mode: .truncate)
        file.withBuffer { out in
            analysis.encode(into: &out)
            schema.encode(into: &out)
            out.appendVInt(languages.count)
            for language in languages { out.appendString(language) }
            out.appendVInt(shards.count)
            for shard in shards {
                out.appendVInt(shard.generation)
                out.appendUInt32(shard.fingerprint)
                out.appendVInt(shard.documents)
            }
            out.appendVInt(documentCount)
            out.appendVInt(fields.count)
        }
        for field in fields.keys.sorted() {
            let totals = fields[field]!
            let table = terms[field] ?? TermCountTable()
            file.withBuffer { out in
                out.append(field.number)
                out.appendVInt(totals.documents)
                out.appendVInt(totals.length)
                out.appendVInt(table.count)
            }
            var previous: ArraySlice<UInt8> = []
            for i in 0..<table.count {
                let term = table.term(i)
                let shared = zip(previous, term).prefix { $0 == $1 }.count
                file.withBuffer { out in
                    out.appendVInt(shared)
                    out.appendVInt(term.count - shared)
                    out.append(Array(term.dropFirst(shared)))
                    out.appendVInt(table.documents[i])
                    out.appendVInt(table.titleOnly[i])
                }
                previous = term
            }
        }
        try file.finish()
        try FileSystem.replace(path, with: temporary)
    }

    /// Reads statistics written by ``write(to:)``: ``IndexError/corrupt(file:reason:)`` when the
    /// file is damaged or not a statistics file.
    public static func load(from url: URL) throws(IndexError) -> ScoringStatistics {
        let path = url.givenPath
        guard FileSystem.exists(path) else { throw .io(path: path, operation: "open", message: "no such file") }
        let file = try MappedFile(path: path)
        let body = try FileFormat.validate(file, kind: .statistics, segment: .zero, verifyChecksum: true)
        var cursor = ByteCursor(file.bytes, range: body, file: path)
        let analysis = try AnalysisSettings.decode(from: &cursor)
        let schema = try Schema.decode(from: &cursor)
        var languages: [String] = []
        for _ in 0..<(try cursor.readInt(atMost: cursor.remaining)) { languages.append(try cursor.readString()) }
        var shards: [Shard] = []
        for _ in 0..<(try cursor.readInt(atMost: min(cursor.remaining, maximumShards))) {
            let generation = try cursor.readInt(atMost: Int.max)
            let fingerprint = try cursor.readUInt32()
            shards.append(Shard(generation: generation, fingerprint: fingerprint, documents: try cursor.readInt(atMost: Int.max)))
        }
        let documentCount = try cursor.readInt(atMost: Int.max)
        guard documentCount == shards.reduce(0, { $0 &+ $1.documents }) else {
            throw cursor.corrupt("\(documentCount) documents, but its shards have \(shards.reduce(0) { $0 &+ $1.documents })")
        }
        let textFields = Set(schema.textFields.map(\.field))
        var fields: [Field: FieldTotals] = [:]
        var terms: [Field: TermCountTable] = [:]
        for _ in 0..<(try cursor.readInt(atMost: textFields.count)) {
            let field = Field(number: try cursor.readByte())
            guard textFields.contains(field), fields[field] == nil else { throw cursor.corrupt("\(field) is not a text field of the schema, or is given twice") }
            let documents = try cursor.readInt(atMost: documentCount)
            fields[field] = FieldTotals(documents: documents, length: try cursor.readInt(atMost: Int.max))
            var table = TermCountTable()
            var previous: [UInt8] = []
            for _ in 0..<(try cursor.readInt(atMost: cursor.remaining)) {
                let shared = try cursor.readInt(atMost: previous.count)
                let suffix = try cursor.readBytes()
                var term = Array(previous[..<shared])
                term.append(contentsOf: suffix)
                guard table.count == 0 || previous.lexicographicallyPrecedes(term) else { throw cursor.corrupt("terms of \(field) out of order") }
                let termDocuments = try cursor.readInt(atMost: documents)
                table.append(term, documents: termDocuments, titleOnly: try cursor.readInt(atMost: documentCount))
                previous = term
            }
            terms[field] = table
        }
        guard cursor.isAtEnd else { throw cursor.corrupt("\(cursor.remaining) bytes after the last field") }
        return ScoringStatistics(analysis: analysis, schema: schema, shards: shards, documentCount: documentCount,
                                 languages: languages, fields: fields, terms: terms)
    }
}
