import ArgumentParser
import QuarryCommandLine
import QuarryCore

/// `quarry-query analyze`: the tokens the analysis chain makes of a text, like Elasticsearch's `_analyze`.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Print the tokens the analyzer makes of TEXT (term, position, UTF-8 byte offsets)."
    )

    @Option(name: .long, help: "Language: ISO 639-1 code or Snowball name (en, fr, french, ...); 'none' for no stemming.")
    var language = "en"

    @Flag(name: .customLong("no-fold-diacritics"), help: "Keep accents.")
    var keepAccents = false

    @Flag(name: .customLong("stop-words"), help: "Drop the language's stop words.")
    var stopWords = false

    @Flag(name: .long, help: "Print {\"tokens\":[{\"term\",\"position\",\"start\",\"end\"}, ...]}.")
    var json = false

    @Argument(help: "The text to analyze.")
    var text: String

    func run() throws {
        let resolution = Language.parse(language)
        if case .unknown(let unknown) = resolution {
            printError("warning: unknown language '\(unknown.code)': no stemming")
        }
        let settings = AnalysisSettings(language: resolution.language, foldDiacritics: !keepAccents, stopWords: stopWords)
        let tokens = try Analyzer(settings: settings).analyze(text)
        if json {
            let values = tokens.map { token in
                JSONValue.object([
                    ("term", .string(token.term)), ("position", .int(token.position)),
                    ("start", .int(token.start)), ("end", .int(token.end)),
                ])
            }
            print(JSONValue.object([("tokens", .array(values))]).serialized())
            return
        }
        let utf8 = Array(text.utf8)
        for token in tokens {
            let surface = String(decoding: utf8[token.start..<token.end], as: UTF8.self)
            print("\(token.position)\t\(token.term)\t\(token.start)-\(token.end)\t\(surface)")
        }
    }
}
