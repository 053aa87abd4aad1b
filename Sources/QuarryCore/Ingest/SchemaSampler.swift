/// Infers a schema from the first documents of some input (`SchemaInference` gives the rule):
/// what `quarry-index build` does when it is given no schema. Input it cannot read is left to
/// the build to report.
public enum SchemaSampler {
    /// Documents read to infer a schema: members first seen after them are stored, not indexed.
    public static let defaultSampleSize = 10_000

    /// The inference over the first `sampleSize` documents under `paths`.
    public static func infer(paths: [String], reader: DocumentReader, sampleSize: Int = defaultSampleSize) throws -> SchemaInference {
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
