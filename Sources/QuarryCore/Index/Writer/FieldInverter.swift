import CQuarry

/// Builds one field's inverted index in memory: for each term, a stream of its documents (with
/// frequencies) and a stream of its positions, in a `ByteSlicePool`; and each document's field
/// length.
///
/// Streams, per term: documents as `vint((doc - previous - 1) << 1 | freq == 1)` then
/// `vint(freq)` when it is not 1; positions per document as the first position, then
/// `gap - 1`, the encodings the files use.
struct FieldInverter: ~Copyable {
    /// The per-term state, one 32-byte record per term.
    struct TermState {
        var documents: SliceStream
        var positions: SliceStream
        var lastDoc: Int32
        var freq: Int32
        var lastPosition: Int32
    }

    let field: Field
    /// Vocabulary ids of the terms in this field, in order of first appearance.
    private(set) var vocabularyIDs = GrowableBuffer<Int32>(capacity: 1 << 14)
    /// Term states by vocabulary id (no intermediate map, one memory access less per token);
    /// `lastDoc == -2` marks a vocabulary term not in this field yet.
    private(set) var states = GrowableBuffer<TermState>(capacity: 1 << 14)
    /// Field length (tokens) by document.
    private(set) var lengths = GrowableBuffer<UInt32>(capacity: 1 << 12)
    /// Terms seen in the document being added.
    private var touched = GrowableBuffer<Int32>(capacity: 1 << 10)
    private(set) var documentsWithField = 0
    private(set) var tokenCount = 0
    private(set) var postingCount = 0

    init(field: Field) {
        self.field = field
    }

    var termCount: Int { vocabularyIDs.count }

    /// The documents added so far (the next one's number).
    var documentCount: Int { lengths.count }

    var memoryBytes: Int {
        vocabularyIDs.memoryBytes + states.memoryBytes + lengths.memoryBytes + touched.memoryBytes
    }

    private static let absent = TermState(documents: SliceStream(start: 0, write: 0, end: 0, level: 0),
                                          positions: SliceStream(start: 0, write: 0, end: 0, level: 0),
                                          lastDoc: -2, freq: 0, lastPosition: 0)

    /// Adds document `doc` (the next one) with its tokens in this field.
    mutating func add(doc: Int32, tokens: borrowing TokenBuffer, pool: inout ByteSlicePool) {
        precondition(Int(doc) == lengths.count, "documents are added in order")
        touched.removeAll()
        let all = tokens.all
        for (i, token) in all.enumerated() {
            // Most of the time here is waiting for memory: fetch the state of the term 8 tokens
            // ahead, and where the term 4 tokens ahead will write its position (its state was
            // fetched 4 tokens ago).
            if i + 8 < all.count, Int(all[i + 8].term) < states.count { cq_prefetch(states.base + Int(all[i + 8].term)) }
            if i + 4 < all.count, Int(all[i + 4].term) < states.count {
                let ahead = states.base + Int(all[i + 4].term)
                if ahead.pointee.lastDoc != -2 { cq_prefetch(pool.pointer(ahead.pointee.positions.write)) }
            }
            let vocabularyID = Int(token.term)
            if vocabularyID >= states.count {
                if vocabularyID >= states.capacity { states.grow(to: vocabularyID + 1) }
                while states.count <= vocabularyID { states.append(Self.absent) }
            }
            let state = states.base + vocabularyID
            if state.pointee.lastDoc == -2 {
                vocabularyIDs.append(token.term)
                state.pointee = TermState(documents: pool.makeStream(), positions: pool.makeStream(), lastDoc: -1, freq: 0,
                                          lastPosition: 0)
            }
            if state.pointee.freq == 0 {
                touched.append(token.term)
                pool.appendVInt(UInt32(token.position), to: &state.pointee.positions)
            } else {
                pool.appendVInt(UInt32(token.position - state.pointee.lastPosition - 1), to: &state.pointee.positions)
            }
            state.pointee.lastPosition = token.position
            state.pointee.freq += 1
        }
        // Close this document's entry in the document stream of every term it has.
        for term in touched.elements {
            let state = states.base + Int(term)
            let delta = UInt32(doc - state.pointee.lastDoc - 1)
            if state.pointee.freq == 1 {
                pool.appendVInt(delta << 1 | 1, to: &state.pointee.documents)
            } else {
                pool.appendVInt(delta << 1, to: &state.pointee.documents)
                pool.appendVInt(UInt32(state.pointee.freq), to: &state.pointee.documents)
            }
            state.pointee.lastDoc = doc
            state.pointee.freq = 0
        }
        lengths.append(UInt32(tokens.count))
        if tokens.count > 0 { documentsWithField += 1 }
        tokenCount += tokens.count
        postingCount += touched.count
    }
}

/// A field inverter held by reference, so that a builder can keep any number of them (one per
/// text or keyword field of its schema) in a dictionary.
final class FieldInverterBox {
    /// In a cell: adding a document runs without run-time exclusivity checks.
    let inverter: PointerCell<FieldInverter>

    init(field: Field) {
        inverter = PointerCell(FieldInverter(field: field))
    }
}
