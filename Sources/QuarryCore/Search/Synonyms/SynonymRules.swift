/// An index's synonyms, in the format of Solr's `synonyms.txt`, applied when queries are
/// resolved (so a change needs no rebuild).
///
///     # a comment; blank lines are ignored
///     tv, television, telly                         equivalents: each is searched as all of them
///     ofsted => ofsted, office for standards in education
///                                                   one way: ofsted as those; the others as written
///     colour, color => colour                       several words as one
///
/// Words are analyzed as queries are (so `TV` and `televisions` match the rule's `tv` and
/// `television`); a synonym of several words is searched as a phrase. `\,`, `\=` and `\\` write
/// a comma, an equals sign and a backslash. A line that cannot be read is reported
/// (`problems`) and left out; the others apply.
public struct SynonymRules: Sendable, Equatable {
    /// One line: the words it expands and what each is searched as.
    public struct Rule: Sendable, Equatable {
        /// The words (or phrases) the rule applies to.
        public var words: [String]
        /// What each of `words` is searched as; for equivalents, `words` itself.
        public var synonyms: [String]
        /// The line of the file it comes from (from 1).
        public var line: Int
    }

    /// A line left out, and why.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// The line (from 1).
        public var line: Int
        /// What is wrong with it.
        public var message: String
        /// `line N: message`.
        public var description: String { "line \(line): \(message)" }
    }

    /// The rules, in the file's order.
    public var rules: [Rule]
    /// The lines that were left out.
    public var problems: [Problem]

    /// The file an index keeps its synonyms in, in the index folder.
    public static let fileName = "synonyms.txt"
    /// The longest synonyms file read.
    public static let maximumBytes = 8 << 20

    /// No synonyms.
    public static let none = SynonymRules(rules: [], problems: [])

    /// The rules of `text`, a synonyms file.
    public init(parsing text: String) {
        var rules: [Rule] = []
        var problems: [Problem] = []
        // "\r\n" is one Character, a newline as "\n" is.
        for (index, content) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = index + 1
            guard !content.allSatisfy(\.isWhitespace), content.first(where: { !$0.isWhitespace }) != "#" else { continue }
            switch Self.rule(content, line: line) {
            case .success(let rule): rules.append(rule)
            case .failure(let problem): problems.append(problem)
            }
        }
        self.init(rules: rules, problems: problems)
    }

    init(rules: [Rule], problems: [Problem]) {
        self.rules = rules
        self.problems = problems
    }

    /// The rules of `directory`'s synonyms file, `none` when it has none. A file that cannot be
    /// read (not UTF-8, too large) is an error naming it.
    static func load(directory: String) throws(IndexError) -> SynonymRules {
        let path = "\(directory)/\(fileName)"
        guard FileSystem.exists(path) else { return .none }
        let file = try MappedFile(path: path)
        guard file.count <= maximumBytes else {
            throw .invalidArgument("\(path): \(file.count) bytes; a synonyms file has at most \(maximumBytes)")
        }
        guard let text = String(validating: file.bytes, as: UTF8.self) else {
            throw .invalidArgument("\(path): not UTF-8 text")
        }
        return SynonymRules(parsing: text)
    }

    private static func rule(_ line: Substring, line number: Int) -> Result<Rule, Problem> {
        // Split on unescaped `=>` and commas, unescaping as we go.
        var sides: [[String]] = [[]]
        var current = ""
        var characters = line.makeIterator()
        var previousWasEquals = false
        func endEntry() {
            sides[sides.count - 1].append(current.split(whereSeparator: \.isWhitespace).joined(separator: " "))
            current = ""
        }
        while let character = characters.next() {
            switch character {
            case "\\":
                guard let escaped = characters.next() else {
                    return .failure(Problem(line: number, message: "a backslash ends the line"))
                }
                current.append(escaped)
                previousWasEquals = false
                continue
            case ",":
                endEntry()
            case ">" where previousWasEquals:
                current.removeLast()
                endEntry()
                sides.append([])
                guard sides.count <= 2 else { return .failure(Problem(line: number, message: "more than one '=>'")) }
            default:
                current.append(character)
            }
            previousWasEquals = character == "="
        }
        endEntry()
                if sides.contains(where: { $0.contains(where: \.isEmpty) }) {
            return .failure(Problem(line: number, message: "an empty word (two commas, or a comma or '=>' at an end)"))
        }
        if sides.count == 1 {
            guard sides[0].count > 1 else {
                return .failure(Problem(line: number, message: "one word and no synonym (equivalents are 'a, b'; a mapping 'a => b')"))
            }
            return .success(Rule(words: sides[0], synonyms: sides[0], line: number))
        }
        return .success(Rule(words: sides[0], synonyms: sides[1], line: number))
    }
}
