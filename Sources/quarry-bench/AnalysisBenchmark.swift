import ArgumentParser
import Foundation
import QuarryCore

/// `quarry-bench analysis`: analysis alone (segmentation, folding, stemming) on one core, over the
/// title and text of JSON Lines documents loaded into memory first.
struct AnalysisBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analysis",
        abstract: "Measure analysis throughput (MB/s of UTF-8 text) on one thread."
    )

    @Option(help: "Language of the analyzer.")
    var language = "en"

    @Option(name: .customLong("repeat"), help: "Timed passes over the text; the median is reported.")
    var passes: Int = 3

    @Argument(help: "JSON Lines files (.jsonl or .jsonl.gz) with title and text fields.")
    var files: [String]

    func run() throws {
        let texts = try DocumentTextLoader.load(files)
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        print("loaded \(texts.count) fields, \(bytes) bytes")
        let analyzer = try Analyzer(settings: AnalysisSettings(language: Language.parse(language).language))
        var buffer = TokenBuffer()
        var seconds: [Double] = []
        var tokens = 0
        for pass in 0...passes {
            tokens = 0
            let clock = ContinuousClock()
            let elapsed = clock.measure {
                for var text in texts {
                    text.withUTF8 { utf8 in
                        buffer.removeAll()
                        analyzer.analyze(UnsafeRawBufferPointer(utf8), into: &buffer)
                        tokens += buffer.count
                    }
                }
            }
            let s = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            if pass > 0 { seconds.append(s) }  // pass 0 warms the caches
            print(String(format: "pass %d: %.3f s, %.1f MB/s, %d tokens", pass, s, Double(bytes) / s / 1e6, tokens))
        }
        seconds.sort()
        let median = seconds[seconds.count / 2]
        print(String(format: "median of %d: %.3f s, %.1f MB/s (%d tokens, %.1f M tokens/s)",
                     seconds.count, median, Double(bytes) / median / 1e6, tokens, Double(tokens) / median / 1e6))
    }
}
