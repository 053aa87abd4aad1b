import Foundation

/// Infers a schema from the first documents of some input (`SchemaInference` gives the rule):
/// what `quarry-index build` does when it is given no schema. The fields of `Schema.default`
/// the sample does not have (`date`, `source`, `url`) are added with their default types, so
/// that `date:` means the same in every index. Input it cannot read is left to the build to
/// report.
enum SchemaSampler {
    /// Documents read to infer a schema: members first seen after them are stored, not indexed.
    /// They are read twice (here, then by the build): 10,000 made a build of news-en (20,848
    /// documents) 13% slower (BENCHMARKS.md §12); 1,000 is a tenth of that reading.
    static let defaultSampleSize = 1_000

    /// The schema of the first `sampleSize` documents under `paths`, and the inference it comes
    /// from (what it sampled, what it left out).
    static func infer(paths: [String], reader: DocumentReader,
                             sampleSize: Int = defaultSampleSize) throws -> (schema: Schema, inference: SchemaInference) {
        let inference = try sample(paths: paths, reader: reader, sampleSize: sampleSize)
        let inferred = inference.schema()
        let names = Set(inferred.fields.map { $0.name.lowercased() })
        let defaults = Schema.default.fields.dropFirst(2).filter { !names.contains($0.name) }
        return ((try? Schema(fields: inferred.fields + defaults)) ?? inferred, inference)
    }

    private static func sample(paths: [String], reader: DocumentReader, sampleSize: Int) throws -> SchemaInference {
        var inference = SchemaInference()
        do {
            try reader.read(paths, warn: { _ in }) { document in
                for field in document.fields { inference.observe(member: field.name, values: field.values, isArray: field.isArray) }
                inference.finishDocument()
                if inference.sampledDocuments >= sampleSize { throw SampleComplete() }
            }
        } catch is SampleComplete {
            return inference
        }
        return inference
    }

    private struct SampleComplete: Error {}
}

extension Schema {
    /// The schema `quarry-index build` infers when it is given none: from the first
    /// `sampleSize` documents of `files` (1,000 by default, as the command reads) (read as `options` say), with the rule of
    /// ``SchemaInference``, plus the fields of ``Schema/default`` the sample lacks. The
    /// inference says what it sampled and which members it left out, and why.
    public static func inferred(fromFiles files: [URL], options: IndexingOptions = IndexingOptions(),
                                sampleSize: Int = 1_000) throws(IndexError) -> (schema: Schema, inference: SchemaInference) {
        var reader = DocumentReader(format: options.format)
        reader.fileDates = options.fileDates
        do {
            return try SchemaSampler.infer(paths: files.map(\.givenPath), reader: reader, sampleSize: sampleSize)
        } catch let error as IndexError {
            throw error
        } catch {
            throw .invalidArgument("cannot infer a schema: \(error)")
        }
    }
}
